// The API reference, rendered on the server from the OpenAPI document
// (/api/v1/openapi.json, lib/api/openapi.ts): per tag, each operation with its
// permission, parameters, request body and answers. No script, nothing external.
import { cn } from "@/components/ui/cn";

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  default?: unknown;
  description?: string;
  additionalProperties?: Schema | boolean;
};
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema: Schema };
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  "x-scope": string | null;
  parameters?: Parameter[];
  requestBody?: { content: { "application/json": { schema: Schema } } };
  responses: Record<string, { description: string; content?: { "application/json": { schema: Schema } } }>;
};
export type OpenApiDoc = {
  info: { title: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
export type ReferenceLabels = {
  auth: string;
  scope: string;
  public: string;
  parameters: string;
  body: string;
  responses: string;
  required: string;
  idempotency: string;
};

const METHOD_COLOR: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-emerald-100 text-emerald-900",
  patch: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-900",
};

const refName = (ref: string) => ref.split("/").at(-1)!;

/** A short type for a schema: "string (date-time)", "integer 1–30", "Customer[]", "\"reward\" | \"intermediate\"". */
function typeOf(s: Schema): string {
  if (s.$ref) return refName(s.$ref);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map(typeOf).join(" | ");
  const t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  if (t === "array" && s.items) return `${typeOf(s.items)}[]`;
  const range = s.minimum !== undefined || s.maximum !== undefined ? ` ${s.minimum ?? ""}–${s.maximum ?? ""}` : "";
  return `${t}${s.format ? ` (${s.format})` : ""}${range}`;
}

function Fields({ schema, doc, depth = 0, labels }: { schema: Schema; doc: OpenApiDoc; depth?: number; labels: ReferenceLabels }) {
  const s = schema.$ref ? doc.components.schemas[refName(schema.$ref)] : schema;
  if (!s?.properties) return <code className="font-mono text-xs">{typeOf(schema)}</code>;
  return (
    <ul className={cn("space-y-1 text-sm", depth > 0 && "mt-1 border-l border-stone-200 pl-3")}>
      {Object.entries(s.properties).map(([name, p]) => {
        const inner = p.$ref ? doc.components.schemas[refName(p.$ref)] : p.type === "array" && p.items ? p.items : p;
        const nested = depth < 2 && (inner?.properties || (inner?.$ref && doc.components.schemas[refName(inner.$ref)]?.properties));
        return (
          <li key={name}>
            <code className="font-mono text-xs font-semibold">{name}</code> <code className="font-mono text-xs text-stone-500">{typeOf(p)}</code>
            {s.required?.includes(name) && p.default === undefined && <span className="ml-1 text-xs text-red-800">{labels.required}</span>}
            {p.default !== undefined && <span className="ml-1 text-xs text-stone-500">= {JSON.stringify(p.default)}</span>}
            {p.description && <span className="text-stone-600"> — {p.description}</span>}
            {nested && <Fields schema={inner!} doc={doc} depth={depth + 1} labels={labels} />}
          </li>
        );
      })}
    </ul>
  );
}

export function ApiReference({ doc, labels }: { doc: OpenApiDoc; labels: ReferenceLabels }) {
  const base = doc.servers[0]?.url ?? "";
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
  return (
    <div className="space-y-10">
      <p className="max-w-prose text-sm text-stone-700">{doc.info.description}</p>
      <nav aria-label="Tags" className="flex flex-wrap gap-2 text-sm">
        {doc.tags.map((tag) => (
          <a key={tag.name} href={`#tag-${tag.name.replaceAll(" ", "-")}`} className="rounded-full bg-stone-100 px-3 py-1 hover:bg-stone-200">
            {tag.name}
          </a>
        ))}
      </nav>
      {doc.tags.map((tag) => (
        <section key={tag.name} id={`tag-${tag.name.replaceAll(" ", "-")}`} className="space-y-4">
          <h2 className="text-xl font-semibold">{tag.name}</h2>
          {operations
            .filter((o) => o.op.tags.includes(tag.name))
            .map(({ path, method, op }) => {
              const idempotent = op.parameters?.some((p) => p.name === "Idempotency-Key");
              const params = op.parameters?.filter((p) => p.name !== "Idempotency-Key") ?? [];
              return (
                <article
                  key={op.operationId}
                  id={op.operationId}
                  className="space-y-3 rounded-lg border border-stone-200 bg-white p-5"
                  data-testid="api-operation"
                >
                  <h3 className="flex flex-wrap items-center gap-2">
                    <span className={cn("rounded px-2 py-0.5 font-mono text-xs font-bold uppercase", METHOD_COLOR[method])}>{method}</span>
                    <code className="font-mono text-sm">
                      {base}
                      {path}
                    </code>
                    <span className="font-semibold">{op.summary}</span>
                  </h3>
                  {op.description && <p className="max-w-prose text-sm text-stone-700">{op.description}</p>}
                  <p className="text-sm text-stone-600">
                    {labels.scope}: <code className="font-mono text-xs">{op["x-scope"] ?? labels.public}</code>
                    {idempotent && ` · ${labels.idempotency}`}
                  </p>
                  {params.length > 0 && (
                    <div>
                      <h4 className="text-sm font-semibold">{labels.parameters}</h4>
                      <ul className="space-y-1 text-sm">
                        {params.map((p) => (
                          <li key={`${p.in}-${p.name}`}>
                            <code className="font-mono text-xs font-semibold">{p.name}</code>{" "}
                            <code className="font-mono text-xs text-stone-500">
                              {p.in} · {typeOf(p.schema)}
                            </code>
                            {p.required && <span className="ml-1 text-xs text-red-800">{labels.required}</span>}
                            {p.description && <span className="text-stone-600"> — {p.description}</span>}
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                  {op.requestBody && (
                    <div>
                      <h4 className="text-sm font-semibold">{labels.body}</h4>
                      <Fields schema={op.requestBody.content["application/json"].schema} doc={doc} labels={labels} />
                    </div>
                  )}
                  <div>
                    <h4 className="text-sm font-semibold">{labels.responses}</h4>
                    <ul className="space-y-2 text-sm">
                      {Object.entries(op.responses).map(([status, r]) => {
                        const schema = r.content?.["application/json"].schema;
                        const success = status.startsWith("2");
                        return (
                          <li key={status}>
                            <code className={cn("font-mono text-xs font-semibold", success ? "text-emerald-800" : "text-red-800")}>{status}</code>{" "}
                            <span className="text-stone-600">{r.description}</span>
                            {schema && success && <Fields schema={schema} doc={doc} labels={labels} />}
                          </li>
                        );
                      })}
                    </ul>
                  </div>
                </article>
              );
            })}
        </section>
      ))}
    </div>
  );
}
