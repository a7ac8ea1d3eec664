// The wizard's choices as the server accepts them (zod at the boundary).
import { z } from "zod";
import { EntityId } from "@/lib/validation/ids";
import { IMPORT_FIELDS, type Mapping } from "./fields";

const column = z.number().int().min(0).max(99);
export const MappingSchema = z
  .object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, column.optional()])) as Record<(typeof IMPORT_FIELDS)[number], z.ZodOptional<typeof column>>)
  .strict()
  .refine((m) => m.name !== undefined, { message: "nameColumnRequired", path: ["name"] })
  .refine((m) => m.email !== undefined || m.phone !== undefined || m.externalId !== undefined, { message: "contactColumnRequired", path: ["_form"] })
  .refine(
    (m) => {
      const used = Object.values(m).filter((v) => v !== undefined);
      return new Set(used).size === used.length;
    },
    { message: "columnTwice", path: ["_form"] },
  );

export const DryRunRequest = z.object({ mapping: MappingSchema, programId: EntityId });
export type DryRunRequest = z.infer<typeof DryRunRequest>;

/** A stored mapping (CustomerImport.mapping), or null if it is not one. */
export function readMapping(json: unknown): Mapping | null {
  const r = MappingSchema.safeParse(json);
  return r.success ? r.data : null;
}
