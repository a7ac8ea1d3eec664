import { NextResponse } from "next/server";
import { exportCustomerData } from "@/lib/customers/privacy";
import { errorResponse } from "@/lib/http/respond";

export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const data = await exportCustomerData((await params).token);
    return NextResponse.json(data, { headers: { "Content-Disposition": 'attachment; filename="mijn-gegevens.json"', "Cache-Control": "private, no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
