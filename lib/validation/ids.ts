// Row ids as they arrive from the browser (server-action arguments, route
// params): Prisma cuids, our organization ids and UUIDs (seeded rows). Parsed
// before they reach a query, so an object or an operator can never ride in a
// `where` (issue 11 §17).
import { z } from "zod";

export const EntityId = z.string({ message: "invalid" }).regex(/^[A-Za-z0-9-]{10,40}$/, "invalid");
export type EntityId = z.infer<typeof EntityId>;
