import { storage } from "@/lib/storage/storage";

// Pass images are public by nature (they travel inside every pass); keys are random.
export async function GET(_req: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const file = await storage().get((await params).key.join("/"));
  if (!file) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.body), {
    headers: { "Content-Type": file.contentType, "Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff" },
  });
}
