import { enrollCustomer } from "@/lib/enrollment/enroll-customer";
import { issueFormToken, MIN_AGE_MS } from "@/lib/enrollment/form-token";
import { formErrors, joinContext, notFoundPage, redirectTo, renderJoin, type JoinContext } from "@/lib/enrollment/join-request";
import { readJoinForm } from "@/lib/enrollment/read-join-form";
import { readReferralCode } from "@/lib/referrals/links";

type Params = { params: Promise<{ programId: string }> };

export async function GET(req: Request, { params }: Params) {
  const ctx = await joinContext(req, (await params).programId);
  if (!ctx.program) return notFoundPage(ctx);
  const ref = readReferralCode(ctx.url.searchParams.get("ref"));
  return renderJoin(ctx, { step: "form", token: issueFormToken(ctx.program.id), source: ctx.url.searchParams.get("s") ?? "poster", ref });
}

/** The form again, with what was typed and why it was refused. Nothing was created. */
function retry(ctx: JoinContext, values: Record<string, string>, status: number, errors: Record<string, string[]>, formError?: string) {
  // A fresh token, already "aged" (the customer has been typing), lets them resubmit.
  const token = issueFormToken(ctx.program!.id, Date.now() - MIN_AGE_MS);
  const { website: _hp, token: _t, ...kept } = values;
  const ref = readReferralCode(values.ref ?? ctx.url.searchParams.get("ref"));
  return renderJoin(
    ctx,
    { step: "form", token, source: values.source ?? ctx.url.searchParams.get("s") ?? "poster", ref, values: kept, errors, formError },
    status,
  );
}

export async function POST(req: Request, { params }: Params) {
  const ctx = await joinContext(req, (await params).programId);
  if (!ctx.program) return notFoundPage(ctx);
  const body = await readJoinForm(req);
  if (!body.ok) return retry(ctx, {}, body.status, {}, body.messageKey);
  try {
    // Known or unknown details: a new card either way, the same answer (docs/cards-and-enrollment.md).
    const { webToken } = await enrollCustomer(ctx.program.id, body.values, { ip: ctx.ip, locale: ctx.locale, deviceId: ctx.deviceId });
    return redirectTo(ctx, `/c/${webToken}?welcome=1`);
  } catch (error) {
    const { status, errors, formError } = formErrors(error);
    return retry(ctx, body.values, status, errors, formError);
  }
}
