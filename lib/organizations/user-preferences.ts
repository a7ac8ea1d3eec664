import { db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";

export async function setUserLocale(userId: string, locale: Locale) {
  await db().user.update({ where: { id: userId }, data: { locale } });
}
