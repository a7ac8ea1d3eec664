// The unsubscribe link of every marketing email (lib/messages/unsubscribe.ts): GET
// shows the page and changes nothing; POST is its button, or a mail app's
// RFC 8058 one-click unsubscribe. Works without signing in. A route, not a page:
// a page could not also answer the one-click POST on the same URL.
import { unsubscribeGet, unsubscribePost } from "@/lib/messages/unsubscribe";

type Params = { params: Promise<{ token: string }> };

export async function GET(req: Request, { params }: Params) {
  return unsubscribeGet(req, (await params).token);
}

export async function POST(req: Request, { params }: Params) {
  return unsubscribePost(req, (await params).token);
}
