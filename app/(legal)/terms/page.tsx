import type { Metadata } from "next";
import { LegalDocumentView, legalTitle } from "@/components/legal/legal-document";

export async function generateMetadata(): Promise<Metadata> {
  return { title: await legalTitle("terms") };
}

export default function TermsPage() {
  return <LegalDocumentView kind="terms" />;
}
