// The OpenAPI 3.1 document of /api/v1, generated from the route table and its
// zod schemas (zod's own JSON Schema output, draft 2020-12, which OpenAPI 3.1
// uses): what the router parses is what the document says.
import { z } from "zod";
import { API_ROUTES, BASE } from "./routes";
import { ErrorResponse } from "./schemas";
import { API_SCOPES } from "./scopes";

type JsonSchema = Record<string, unknown>;

/** Named schemas (`.meta({ id })`), collected for components.schemas while the document is built. */
let named: Record<string, JsonSchema> = {};

/**
 * A schema as JSON Schema, without its own $schema line; `io`: what a client
 * sends (input) or receives (output). Named sub-schemas go to components.schemas.
 */
function schemaOf(s: z.ZodType, io: "input" | "output"): JsonSchema {
  const raw = z.toJSONSchema(s, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  const text = JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/');
  const { $schema: _drop, $defs, ...rest } = JSON.parse(text) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  for (const [name, def] of Object.entries($defs ?? {})) named[name] = def;
  return rest;
}

/** A query parameter as a client writes it (a string), unless that says nothing (a coerced number): then as read. */
function parameterSchema(s: z.ZodType): JsonSchema {
  const input = schemaOf(s, "input");
  return Object.keys(input).some((k) => k !== "description" && k !== "default") ? input : schemaOf(s, "output");
}

const RATE_HEADERS = {
  "RateLimit-Limit": { description: "Requests this key may make per window.", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in this window.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window resets.", schema: { type: "integer" } },
  "RateLimit-Policy": { description: "The limit and its window: `600;w=60`.", schema: { type: "string" } },
  "X-Request-Id": { description: "This request's id (yours, when you sent a valid X-Request-Id).", schema: { type: "string" } },
};

const ERRORS: Record<number, string> = {
  400: "The body is not JSON, or the path is malformed.",
  401: "No key, or an unknown or revoked one.",
  403: "The key lacks this route's permission.",
  404: "Not found (also: another business's id).",
  409: "Refused in the current state (a stamp rule: `rule_blocked`).",
  413: "The body is too large.",
  422: "Invalid input (`details.fields`), or an Idempotency-Key reused with another body.",
  429: "Rate limit: wait `Retry-After` seconds.",
};

const STATUS_TEXT: Record<number, string> = { 200: "OK", 201: "Created" };

export function openApiDocument(): JsonSchema {
  named = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of API_ROUTES) {
    const parameters: unknown[] = [];
    for (const [where, s] of [
      ["path", r.params],
      ["query", r.query],
    ] as const) {
      if (!s) continue;
      const js = schemaOf(s, "output") as { required?: string[] };
      for (const [name, field] of Object.entries(s.shape as Record<string, z.ZodType>)) {
        const { description, ...rest } = parameterSchema(field);
        parameters.push({
          name,
          in: where,
          required: where === "path" || ((js.required ?? []).includes(name) && !("default" in rest)),
          description,
          schema: rest,
        });
      }
    }
    if (r.idempotent) {
      parameters.push({
        name: "Idempotency-Key",
        in: "header",
        required: false,
        description: "Any unique text (1–100 of A–Z a–z 0–9 - _ . :). The same key with the same body answers the first result again; with another body: 422.",
        schema: { type: "string", pattern: "^[A-Za-z0-9_.:-]{1,100}$" },
      });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, s] of Object.entries(r.responses)) {
      responses[status] = {
        description: STATUS_TEXT[Number(status)] ?? "OK",
        headers: RATE_HEADERS,
        content: { "application/json": { schema: schemaOf(s, "output") } },
      };
    }
    for (const [status, description] of Object.entries(ERRORS)) {
      if (!r.scope && status !== "404") continue;
      const headers = status === "429" ? { ...RATE_HEADERS, "Retry-After": { schema: { type: "integer" } } } : RATE_HEADERS;
      responses[status] = { description, headers, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    }
    (paths[r.path] ??= {})[r.method.toLowerCase()] = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      security: r.scope ? [{ apiKey: [] }] : [],
      "x-scope": r.scope,
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(r.body, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Stempel API",
      version: "1.0.0",
      description:
        'Everything a Stempel tablet can do, for your till, webshop or a Make/Zapier scenario, with the same rules. Authenticate with an API key (Instellingen → API-sleutels): `Authorization: Bearer stk_…`. Errors: `{ "error": { "code", "message", "details" } }`.',
    },
    servers: [{ url: BASE }],
    tags: [...new Set(API_ROUTES.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: `An API key. Permissions (scopes): ${API_SCOPES.join(", ")}.` },
      },
      schemas: { ...named, Error: schemaOf(ErrorResponse, "output") },
    },
  };
}
