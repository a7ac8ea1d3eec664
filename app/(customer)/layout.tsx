import { MessagesProvider } from "@/components/i18n/messages-provider";

/** The customer's pages open on phones: only the messages their client components read (the web card itself is plain HTML). */
export default function CustomerLayout({ children }: { children: React.ReactNode }) {
  return <MessagesProvider namespaces={["privacy", "errors", "validation", "common"]}>{children}</MessagesProvider>;
}
