import { globalDb } from "@/lib/tenancy/global-db";
import type { Locale } from "@/lib/i18n/config";

export async function setUserLocale(userId: string, locale: Locale) {
  await globalDb().user.update({ where: { id: userId }, data: { locale } });
}
