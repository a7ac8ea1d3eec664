import { onNext, tabletActions } from "@/lib/http/fast-path";

// Production serves this path from the server's fast path (lib/http/fast-path.ts);
// this is the same dispatch under `next dev` or a plain `next start`.
export const POST = onNext(tabletActions);
