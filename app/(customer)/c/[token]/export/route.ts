import { exportCustomerData } from "@/lib/customers/privacy";
import { ok } from "@/lib/http/result";
import { route } from "@/lib/http/web";

export const GET = route<{ token: string }>(async (_req, { token }) =>
  ok(await exportCustomerData(token), { "Content-Disposition": 'attachment; filename="mijn-gegevens.json"', "Cache-Control": "private, no-store" }),
);
