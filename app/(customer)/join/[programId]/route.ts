import { redirect } from "next/navigation";
import { enrollCustomer } from "@/lib/enrollment/enroll-customer";
import { issueFormToken, MIN_AGE_MS } from "@/lib/enrollment/form-token";
import { formErrors, joinContext, notFoundPage, renderJoin } from "@/lib/enrollment/join-request";

type Params = { params: Promise<{ programId: string }> };

export async function GET(req: Request, { params }: Params) {
  const ctx = await joinContext(req, (await params).programId);
  if (!ctx.program) return notFoundPage(ctx);
  return renderJoin(ctx, { step: "form", token: issueFormToken(ctx.program.id), source: ctx.url.searchParams.get("s") ?? "poster" });
}

export async function POST(req: Request, { params }: Params) {
  const ctx = await joinContext(req, (await params).programId);
  if (!ctx.program) return notFoundPage(ctx);
  const values = Object.fromEntries([...(await req.formData()).entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  let outcome;
  try {
    outcome = await enrollCustomer(ctx.program.id, values, {
      ip: ctx.ip,
      texts: { subject: ctx.t("join.codeEmailSubject"), body: (code) => ctx.t("join.codeEmailBody", { code }) },
    });
  } catch (error) {
    const { status, errors, formError } = formErrors(error);
    // Nothing was created; a fresh token (already "aged": the customer has been typing) lets them resubmit.
    const token = issueFormToken(ctx.program.id, Date.now() - MIN_AGE_MS);
    const { website: _hp, token: _t, ...kept } = values;
    return renderJoin(ctx, { step: "form", token, source: values.source ?? "poster", values: kept, errors, formError }, status);
  }
  if (outcome.kind === "card") redirect(`/c/${outcome.webToken}?welcome=1`);
  return renderJoin(ctx, { step: "verify", verificationId: outcome.verificationId, emailHint: outcome.emailHint });
}
