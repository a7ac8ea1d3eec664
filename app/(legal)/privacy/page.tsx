import type { Metadata } from "next";
import { LegalDocumentView, legalTitle } from "@/components/legal/legal-document";

export async function generateMetadata(): Promise<Metadata> {
  return { title: await legalTitle("privacy") };
}

export default function PrivacyPage() {
  return <LegalDocumentView kind="privacy" />;
}
