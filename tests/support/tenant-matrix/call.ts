// How the matrix calls an entry in-process, and what it keeps of the answer:
// an outcome to compare with the row's refusal ("notFound", "404 NOT_FOUND",
// "refused errors.NOT_FOUND"…), the answer's text to search for A's data, and
// what was sent (an id the caller sent and the answer echoes is no leak).
//
// The signed-in user and the cookies are this module's `auth`, read by the
// test file's mocks of next-auth and next/headers.
import { cloneElement, createElement, isValidElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { nl } from "@/lib/i18n/messages";

export const auth = {
  /** The dashboard user the session cookie names, or null when signed out. */
  userId: null as string | null,
  cookies: new Map<string, string>(),
};

export type Out = { outcome: string; text: string; sent: string };

const load = (file: string) => import(/* @vite-ignore */ `@/${file.replace(/\.tsx?$/, "")}`) as Promise<Record<string, unknown>>;

/** A thrown Next control-flow error or any other error, as an outcome. */
function thrown(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (msg === "NEXT_NOT_FOUND") return "notFound";
  if (msg.startsWith("NEXT_REDIRECT ")) return `redirect ${msg.slice(14)}`;
  const code = (e as { code?: string }).code;
  return `throw ${code ? `${code} ` : ""}${msg}`;
}

const ASYNC = Object.getPrototypeOf(async () => {}).constructor;

/** Awaits the async server components of a tree (what React Server Components do before the HTML is rendered). */
async function resolve(node: ReactNode): Promise<ReactNode> {
  if (Array.isArray(node)) return Promise.all(node.map(resolve));
  if (node instanceof Promise) return resolve(await node);
  if (!isValidElement(node)) return node;
  const props = node.props as Record<string, unknown> & { children?: ReactNode };
  if (typeof node.type === "function" && node.type instanceof ASYNC) {
    return resolve(await (node.type as (p: unknown) => Promise<ReactNode>)(props));
  }
  if (props.children === undefined) return node;
  return cloneElement(node, undefined, await resolve(props.children));
}

const render = (el: ReactNode) =>
  // eslint-disable-next-line react/no-children-prop
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: "nl", messages: nl, timeZone: "Europe/Amsterdam", children: el }));

/** A page (or layout) server component with these params and search params, rendered to HTML (and its metadata). */
export async function page(file: string, params: Record<string, string | string[]> = {}, search: Record<string, string> = {}): Promise<Out> {
  const mod = await load(file);
  const sent = JSON.stringify([params, search]);
  const props = { params: Promise.resolve(params), searchParams: Promise.resolve(search), children: null };
  try {
    let text = "";
    if (typeof mod.generateMetadata === "function") text += JSON.stringify(await mod.generateMetadata(props));
    text += render(await resolve(await (mod.default as (p: unknown) => Promise<ReactNode>)(props)));
    return { outcome: "html", text, sent };
  } catch (e) {
    return { outcome: thrown(e), text: e instanceof Error ? e.message : String(e), sent };
  }
}

type Send = { params?: Record<string, string | string[]>; query?: Record<string, string>; headers?: Record<string, string>; body?: unknown; path?: string };

/** A route handler of `file` for `method`, with a Request and Next's params. */
export async function route(file: string, method: string, send: Send = {}): Promise<Out> {
  const mod = await load(file);
  const handler = mod[method] as (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;
  const url = new URL(`http://localhost${send.path ?? "/"}`);
  for (const [k, v] of Object.entries(send.query ?? {})) url.searchParams.set(k, v);
  const body = send.body === undefined ? undefined : typeof send.body === "string" || send.body instanceof FormData ? send.body : JSON.stringify(send.body);
  const headers = new Headers(send.headers);
  if (typeof body === "string" && !headers.has("content-type")) headers.set("content-type", "application/json");
  const sent = JSON.stringify([url.toString(), send.params, send.headers, body instanceof FormData ? [...body.entries()] : body]);
  try {
    const res = await handler(new Request(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : body }), {
      params: Promise.resolve(send.params ?? {}),
    });
    const text = await res.text();
    let error = "";
    try {
      // The standard error shape ({error: "NOT_FOUND"}) or the API's ({error: {code: "not_found"}}).
      const e = (JSON.parse(text) as { error?: string | { code?: string } }).error;
      error = typeof e === "object" ? (e?.code ?? "") : (e ?? "");
    } catch {
      /* not JSON */
    }
    const where = res.headers.get("location");
    return { outcome: `${res.status}${error ? ` ${error}` : ""}${where ? ` → ${where}` : ""}`, text: `${JSON.stringify([...res.headers])}\n${text}`, sent };
  } catch (e) {
    return { outcome: thrown(e), text: String(e), sent };
  }
}

/** A server action, called as the browser calls it: with these arguments. */
export async function action(file: string, name: string, ...args: unknown[]): Promise<Out> {
  const mod = await load(file);
  const sent = JSON.stringify(args.map((a) => (a instanceof FormData ? [...a.entries()] : a)));
  try {
    const result = (await (mod[name] as (...a: unknown[]) => Promise<unknown>)(...args)) as { ok?: boolean; error?: string } | undefined;
    const outcome = result && typeof result === "object" && "ok" in result ? (result.ok ? "ok" : `refused ${result.error}`) : "returned";
    return { outcome, text: JSON.stringify(result ?? null), sent };
  } catch (e) {
    return { outcome: thrown(e), text: e instanceof Error ? e.message : String(e), sent };
  }
}

/** FormData from plain fields. */
export function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}
