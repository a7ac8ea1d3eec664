// The two emails enrollment sends a customer, in the merchant's colours and
// logo: the welcome email (their card, wallets, privacy) and the note to an
// address on file that was used again (where their existing card is).
import { cardLinks, cardUrl } from "@/lib/email/card-links";
import { sendEmailOnce, type Email } from "@/lib/email/send-email";
import { renderExistingCardEmail } from "@/lib/email/templates/existing-card";
import type { Brand } from "@/lib/email/templates/layout";
import { renderWelcomeEmail } from "@/lib/email/templates/welcome";
import { appUrl } from "@/lib/env";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/config";
import { imageUrl } from "@/lib/images/process-upload";
import type { WelcomeEmailJob } from "@/lib/jobs/queue";
import { tenantDb } from "@/lib/tenancy/tenant-db";

export type ProgramForEmail = {
  name: string;
  rewardText: string;
  stampsRequired: number;
  backgroundColor: string;
  foregroundColor: string;
  logoKey: string | null;
  organization: { name: string; privacyContactEmail: string | null };
};

function brandOf(p: ProgramForEmail): Brand {
  const logo = imageUrl(p.logoKey);
  return { name: p.organization.name, logoUrl: logo && `${appUrl()}${logo}`, backgroundColor: p.backgroundColor, foregroundColor: p.foregroundColor };
}

export async function welcomeEmail(p: ProgramForEmail, customer: { name: string; email: string }, webToken: string, locale: Locale): Promise<Email> {
  const { subject, html, text } = await renderWelcomeEmail({
    locale,
    customerName: customer.name,
    merchant: p.organization,
    program: { name: p.name, rewardText: p.rewardText, stampsRequired: p.stampsRequired },
    brand: brandOf(p),
    links: cardLinks(webToken),
    platformUrl: appUrl(),
  });
  return { to: customer.email, subject, html, text };
}

/**
 * The job queued with every sign-up that typed an email (lib/enrollment/enroll-customer.ts):
 * a welcome email if the address went on the customer's record (not when it belonged to
 * another customer) and the card still exists. Once per card, however often the job runs.
 */
export async function sendWelcomeEmail(job: WelcomeEmailJob) {
  return sendEmailOnce(`welcome-${job.cardId}`, async () => {
    const card = await tenantDb({ orgId: job.orgId }).card.findFirst({
      where: { id: job.cardId, erasedAt: null },
      select: {
        webToken: true,
        customer: { select: { name: true, email: true } },
        program: {
          select: {
            name: true,
            rewardText: true,
            stampsRequired: true,
            backgroundColor: true,
            foregroundColor: true,
            logoKey: true,
            organization: { select: { name: true, privacyContactEmail: true } },
          },
        },
      },
    });
    if (!card?.customer.email) return null;
    const locale = isLocale(job.locale) ? job.locale : DEFAULT_LOCALE;
    return welcomeEmail(card.program, { name: card.customer.name, email: card.customer.email }, card.webToken, locale);
  });
}

export async function existingCardEmail(p: ProgramForEmail, to: string, webToken: string, locale: Locale): Promise<Email> {
  const { subject, html, text } = await renderExistingCardEmail({
    locale,
    merchant: p.organization,
    brand: brandOf(p),
    cardLink: cardUrl(webToken),
    platformUrl: appUrl(),
  });
  return { to, subject, html, text };
}
