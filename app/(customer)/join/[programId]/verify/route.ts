import { joinContext, notFoundPage, renderJoin } from "@/lib/enrollment/join-request";

// The emailed-code step of enrollment is gone (every sign-up now gets its card at
// once, docs/cards-and-enrollment.md). A page still open from before, or an old
// link, gets 410 Gone and a way back to the form; the body is never read.
type Params = { params: Promise<{ programId: string }> };

async function gone(req: Request, { params }: Params) {
  const ctx = await joinContext(req, (await params).programId);
  if (!ctx.program) return notFoundPage(ctx);
  return renderJoin(ctx, { step: "gone" }, 410);
}

export const GET = gone;
export const POST = gone;
