import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/respond";
import { unlockDevice } from "@/lib/stamping/devices";

export async function POST(req: Request) {
  try {
    return NextResponse.json(await unlockDevice(await req.json()));
  } catch (error) {
    return errorResponse(error);
  }
}
