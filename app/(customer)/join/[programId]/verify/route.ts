import { redirect } from "next/navigation";
import { verifyEnrollment } from "@/lib/enrollment/enroll-customer";
import { formErrors, joinContext, notFoundPage, renderJoin } from "@/lib/enrollment/join-request";

export async function POST(req: Request, { params }: { params: Promise<{ programId: string }> }) {
  const ctx = await joinContext(req, (await params).programId);
  if (!ctx.program) return notFoundPage(ctx);
  const form = await req.formData();
  const verificationId = String(form.get("verificationId") ?? "");
  const emailHint = String(form.get("emailHint") ?? "");
  let webToken: string;
  try {
    ({ webToken } = await verifyEnrollment(ctx.program.id, { verificationId, code: String(form.get("code") ?? "") }, { ip: ctx.ip }));
  } catch (error) {
    const { status, errors, formError } = formErrors(error);
    return renderJoin(ctx, { step: "verify", verificationId, emailHint, errors, formError: Object.keys(errors).length ? undefined : formError }, status);
  }
  redirect(`/c/${webToken}`);
}
