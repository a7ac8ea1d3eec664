// Issue 18, the tenant matrix: every entry of the app — pages, layouts, route
// handlers, server actions and /api/v1 routes, read from app/ and the API's
// route table — tried by merchant B (dashboard session with the organization
// cookie set to A's id, paired tablet session, API key, wallet pass token)
// with merchant A's ids in every id slot. After each call: the answer holds
// none of A's names (a marker string) or ids not sent by the caller, and a
// digest of all of A's rows is unchanged. An entry without a row, or a row
// without an entry, fails the first tests. docs/tenancy.md → "De tenant-matrix".
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { action, auth, page, route, type Out } from "@/tests/support/tenant-matrix/call";
import { discover } from "@/tests/support/tenant-matrix/discover";
import { MATRIX, signInAs, type Row } from "@/tests/support/tenant-matrix/rows";
import { buildWorld, changed, digest, valuesOf, type World } from "@/tests/support/tenant-matrix/world";

// ---- Next's request scope, stood in for: the session cookie, other cookies, headers, navigation, translations ----
vi.mock("next-auth", async (importOriginal) => {
  const { auth: signedIn } = await import("@/tests/support/tenant-matrix/call");
  const { ownerDb } = await import("@/lib/db/owner");
  return {
    ...(await importOriginal<object>()),
    // The decoded session cookie of the signed-in user (its session version as signed in now).
    getServerSession: async () => {
      if (!signedIn.userId) return null;
      const user = await ownerDb().user.findUnique({ where: { id: signedIn.userId }, select: { sessionVersion: true } });
      return { user: { id: signedIn.userId, sv: user?.sessionVersion ?? 0 } };
    },
  };
});
vi.mock("next/headers", async () => {
  const { auth: signedIn } = await import("@/tests/support/tenant-matrix/call");
  const store = () => ({
    get: (name: string) => (signedIn.cookies.has(name) ? { name, value: signedIn.cookies.get(name)! } : undefined),
    getAll: () => [...signedIn.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => signedIn.cookies.has(name),
    set: (name: string | { name: string; value: string }, value?: string) =>
      typeof name === "string" ? signedIn.cookies.set(name, value ?? "") : signedIn.cookies.set(name.name, name.value),
    delete: (name: string) => signedIn.cookies.delete(name),
  });
  return {
    cookies: async () => store(),
    headers: async () => new Headers({ "user-agent": "tenant-matrix", "x-forwarded-for": "203.0.113.7", host: "localhost" }),
    draftMode: async () => ({ isEnabled: false }),
  };
});
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: vi.fn(), refresh: vi.fn(), push: vi.fn(), back: vi.fn(), prefetch: vi.fn() }),
  usePathname: () => "/dashboard",
  useSearchParams: () => new URLSearchParams(),
  useParams: () => ({}),
  useSelectedLayoutSegment: () => null,
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
  permanentRedirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), unstable_cache: (fn: unknown) => fn }));
vi.mock("next-intl/server", () => import("../support/next-intl-server"));

let w: World;
let start: Record<string, string>;
/** A's digest after the previous row (each row compares against it: one digest a row). */
let last: Record<string, string>;
const report: string[] = [];

beforeAll(async () => {
  w = await buildWorld();
  start = last = await digest(w.a.org.id);
}, 120_000);

/** What of A an answer shows: the marker (any case), or an id/secret of A the caller did not send. */
function leaks(out: Out): string[] {
  const found: string[] = [];
  const marker = w.marker.toLowerCase();
  if (out.text.toLowerCase().includes(marker) && !out.sent.toLowerCase().includes(marker)) found.push(`marker ${w.marker}`);
  for (const v of w.secrets) if (out.text.includes(v) && !out.sent.includes(v)) found.push(v);
  return found;
}

const rows = Object.entries(MATRIX);
const tried = rows.filter((e): e is [string, Extract<Row, { try: unknown }>] => "try" in e[1]);

describe("the matrix lists every entry of the app", () => {
  const entries = discover();

  it("every page, layout, route handler method, server action and API v1 route has a row", () => {
    const missing = entries.map((e) => e.key).filter((k) => !(k in MATRIX));
    expect(missing, "add a row to tests/support/tenant-matrix/rows.ts for each (docs/tenancy.md → De tenant-matrix)").toEqual([]);
  });

  it("every row names an entry that still exists", () => {
    const known = new Set(entries.map((e) => e.key));
    expect(Object.keys(MATRIX).filter((k) => !known.has(k))).toEqual([]);
  });

  it("every public or manual row says why", () => {
    for (const [key, row] of rows) {
      if ("public" in row) expect(row.public.length, key).toBeGreaterThan(5);
      if ("manual" in row) expect(row.manual.length, key).toBeGreaterThan(5);
    }
  });
});

describe("merchant B with A's ids gets nothing of A and changes nothing of A", () => {
  it.each(tried)("%s", async (key, row) => {
    signInAs(w.b.m.owner.id, w.a.org.id);
    const before = last;
    const outs = [await row.try(w)].flat();
    last = await digest(w.a.org.id);
    report.push(`${key} → ${outs.map((o) => o.outcome).join(" | ")}`);
    for (const out of outs) {
      expect(out.outcome, `${key}: the answer (${out.text.slice(0, 300)})`).toMatch(row.refuses);
      expect(leaks(out), `${key}: A's data in the answer (${out.outcome})`).toEqual([]);
    }
    expect(changed(before, last), `${key}: changed A's tables`).toEqual([]);
  });

  it("A's data is unchanged after the whole matrix", async () => {
    expect(changed(start, await digest(w.a.org.id))).toEqual([]);
  });
});

// The reverse direction, for a handful of doors (one of each kind of credential): A's owner session (cookie: B's
// organization), A's API key, A's tablet and A's pass token, with B's ids.
const REVERSE: [string, (w: World) => Promise<Out>, RegExp][] = [
  ["page /dashboard/customers/[id]", (w) => page("app/(dashboard)/dashboard/customers/[id]/page.tsx", { id: w.b.customerId }), /^notFound$/],
  ["action eraseCustomerAction", (w) => action("app/actions/customers.ts", "eraseCustomerAction", w.b.customerId), /^refused errors\.NOT_FOUND$/],
  [
    "api PATCH /customers/{id}",
    (w) =>
      route("app/api/v1/[...path]/route.ts", "PATCH", {
        path: `/api/v1/customers/${w.b.customerId}`,
        headers: { authorization: `Bearer ${w.a.apiKey}` },
        body: { name: "Omgekeerd" },
      }),
    /^404\b/,
  ],
  [
    "POST /api/tablet/actions",
    (w) =>
      route("app/api/tablet/actions/route.ts", "POST", {
        headers: { authorization: `Bearer ${w.a.tablet.sessionToken}` },
        body: { kind: "stamp", amount: 1, serial: w.b.card.serial, idempotencyKey: crypto.randomUUID() },
      }),
    /^404\b/,
  ],
  [
    "GET /api/apple/v1/passes/[passTypeId]/[serial]",
    (w) =>
      route("app/api/apple/v1/passes/[passTypeId]/[serial]/route.ts", "GET", {
        path: `/api/apple/v1/passes/pass.nl.stempel.dev/${w.b.regCard.serial}`,
        params: { passTypeId: "pass.nl.stempel.dev", serial: w.b.regCard.serial },
        headers: { authorization: `ApplePass ${w.a.regCard.authToken}` },
      }),
    /^401\b/,
  ],
];

describe("and the other way round: merchant A with B's ids", () => {
  let theirs: string[];
  beforeAll(async () => {
    const ours = new Set(await valuesOf(w.a.org.id));
    theirs = (await valuesOf(w.b.org.id)).filter((v) => !ours.has(v));
  });

  it.each(REVERSE)("%s", async (key, call, refuses) => {
    signInAs(w.a.m.owner.id, w.b.org.id);
    const before = await digest(w.b.org.id);
    const out = await call(w);
    expect(out.outcome, `${key}: ${out.text.slice(0, 300)}`).toMatch(refuses);
    expect(theirs.filter((v) => out.text.includes(v) && !out.sent.includes(v))).toEqual([]);
    expect(changed(before, await digest(w.b.org.id))).toEqual([]);
  });
});

afterAll(() => {
  auth.userId = null;
  // TENANT_MATRIX_REPORT=1: every row's outcomes, to review what a refusal looked like.
  if (process.env.TENANT_MATRIX_REPORT) console.log(report.join("\n"));
});
