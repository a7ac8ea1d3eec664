import { MessagesProvider } from "@/components/i18n/messages-provider";

/** Every message for the client components here (the root layout passes only the error page's). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <MessagesProvider>{children}</MessagesProvider>;
}
