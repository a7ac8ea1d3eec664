import { PlanLimitNotice } from "@/components/billing/plan-limit-notice";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import type { FormMessage as Message } from "./use-action-form";

/** A form's message from useActionForm: an Alert above the form, or one short line in small inline forms. */
export function FormMessage({ message, inline, className }: { message: Message | null; inline?: boolean; className?: string }) {
  if (!message) return null;
  if (message.code && message.tone === "error") return <PlanLimitNotice code={message.code} text={message.text} className={className} />;
  if (!inline)
    return (
      <Alert tone={message.tone} className={className}>
        {message.text}
      </Alert>
    );
  const error = message.tone === "error";
  return (
    <p role={error ? "alert" : "status"} className={cn("text-sm", error ? "text-red-700" : "text-emerald-700", className)}>
      {message.text}
    </p>
  );
}
