// The answer to the question on the customer's web card (lib/surveys/survey-http.ts):
// JSON from the card's script, or a plain form post when the phone runs no JavaScript.
import { surveyPost } from "@/lib/surveys/survey-http";

export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return surveyPost(req, (await params).token);
}
