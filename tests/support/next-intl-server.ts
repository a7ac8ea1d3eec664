// next-intl/server for tests that render server components or call server
// actions outside Next.js: Dutch messages, Amsterdam time. In a test file:
//   vi.mock("next-intl/server", () => import("../support/next-intl-server"));
import { createFormatter, createTranslator } from "use-intl/core";
import { nl as messages } from "@/lib/i18n/messages";

export const getTranslations = async (arg?: string | { namespace?: string }) =>
  createTranslator({ locale: "nl", messages, namespace: (typeof arg === "string" ? arg : arg?.namespace) as never });
export const getFormatter = async () => createFormatter({ locale: "nl", timeZone: "Europe/Amsterdam" });
export const getLocale = async () => "nl";
export const getMessages = async () => messages;
export const getNow = async () => new Date();
export const getTimeZone = async () => "Europe/Amsterdam";
export const getRequestConfig = (f: unknown) => f;
