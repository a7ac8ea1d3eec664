// Who did it, in words: the viewer and its CSV download name actors the same way.
import type { getTranslations } from "next-intl/server";
import type { AuditActorView } from "@/lib/audit/trail";

type AuditT = Awaited<ReturnType<typeof getTranslations<"audit">>>;

export const auditActorName = (t: AuditT, a: AuditActorView): string =>
  a.kind === "user"
    ? (a.name ?? t("actor.unknownUser"))
    : a.kind === "apiKey"
      ? a.name
        ? t("actor.apiKey", { name: a.name })
        : t("actor.apiKeyUnknown")
      : t(`actor.${a.kind}`);
