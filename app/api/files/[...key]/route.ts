import { AppError } from "@/lib/errors/app-error";
import { route } from "@/lib/http/web";
import { storage } from "@/lib/storage/storage";

// Pass images are public by nature (they travel inside every pass); keys are random.
export const GET = route<{ key: string[] }>(async (_req, { key }) => {
  const file = await storage().get(key.join("/"));
  if (!file) throw new AppError("NOT_FOUND");
  return {
    status: 200,
    headers: { "Content-Type": file.contentType, "Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff" },
    body: file.body,
  };
});
