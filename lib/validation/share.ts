import { z } from "zod";
import { ENROLLMENT_SOURCES } from "./programs";

const source = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(ENROLLMENT_SOURCES))
  .default("POSTER");

export const QrQuery = z.object({ format: z.enum(["png", "svg"]).default("png"), source });
export const PosterQuery = z.object({ size: z.enum(["A4", "A5"]).default("A4"), source });
