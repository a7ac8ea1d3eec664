"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { tenantAction } from "@/lib/actions/tenant-action";
import { AppError } from "@/lib/errors/app-error";
import { processUpload } from "@/lib/images/process-upload";
import { archiveProgram, createProgram, duplicateProgram, publishProgram, updateProgram } from "@/lib/programs/manage-programs";
import { ImageKind, type ProgramDesignRequest } from "@/lib/validation/programs";
import type { z } from "zod";

const done = <T>(value: T) => {
  revalidatePath("/dashboard/cards", "layout");
  return value;
};

export async function saveProgramAction(programId: string | null, input: z.input<typeof ProgramDesignRequest>) {
  return tenantAction("MANAGER", async (ctx) => {
    const program = programId ? await updateProgram(ctx, programId, input) : await createProgram(ctx, input);
    return done({ id: program.id, version: program.version, status: program.status });
  });
}

export async function publishProgramAction(programId: string) {
  return tenantAction("MANAGER", async (ctx) => done({ id: (await publishProgram(ctx, programId)).id }));
}

export async function archiveProgramAction(programId: string) {
  return tenantAction("MANAGER", async (ctx) => done({ id: (await archiveProgram(ctx, programId)).id }));
}

export async function duplicateProgramAction(programId: string) {
  const t = await getTranslations("designer");
  return tenantAction("MANAGER", async (ctx) => done({ id: (await duplicateProgram(ctx, programId, t("copySuffix"))).id }));
}

export async function uploadImageAction(formData: FormData) {
  return tenantAction("MANAGER", async (ctx) => {
    const kind = ImageKind.parse(formData.get("kind"));
    const file = formData.get("file");
    if (!(file instanceof File)) throw new AppError("VALIDATION", "imageEmpty", { file: ["imageEmpty"] });
    return processUpload(ctx.orgId, kind, Buffer.from(await file.arrayBuffer()));
  });
}
