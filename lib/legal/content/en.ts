// The legal texts in English: a translation of nl.ts, which prevails. Keep the
// two in step (same sections, same facts).
import type { LegalDocument, LegalFacts, LegalKind } from "./types";

function subprocessors(f: LegalFacts): string[] {
  return [
    "Hosting and database: a cloud provider with data centres in the European Economic Area (EEA), where the service runs and all data is stored and backed up.",
    "Email delivery: a provider that delivers our emails (for example a link to reset your password, or a notice to a customer that a card already belongs to their email address).",
    "Apple (Apple Wallet): a card a customer adds to Apple Wallet lives on their device. To update it we send, via the Apple Push Notification service, only a technical device token; Apple then fetches the updated card from us.",
    "Google (Google Wallet): a card a customer adds to Google Wallet is stored at Google with the details shown on the card (the business name, the stamps and the customer's name).",
    `Payment provider (once you subscribe): processes your subscription payments by iDEAL or SEPA direct debit. ${f.company} itself stores no full account or card numbers.`,
  ];
}

function privacy(f: LegalFacts): LegalDocument {
  return {
    title: "Privacy statement",
    intro: [
      `${f.company} is a digital stamp card service for cafés, bakeries, lunchrooms and other shops. This statement explains which personal data we process, why, how long we keep it and what your rights are.`,
      "We have two roles. For the data of business owners with an account (and their team members) and of visitors to our website, we are the controller. For the data of those businesses' customers (the people who hold a stamp card), the business is the controller and we are its processor: we process that data only on the business's behalf, under the data processing agreement.",
    ],
    sections: [
      {
        heading: "What data we process",
        body: [
          "Of business owners and team members:",
          {
            list: [
              "name, email address and password (stored only as an irreversible hash);",
              "the name and address of the business and its locations;",
              "role in the team, an optional PIN for the stamping tablet (also only as a hash) and which stamps and rewards someone handled;",
              "language, sign-in times and the IP address at sign-in and sign-up, to prevent abuse;",
              "once subscribed: billing details such as company name, address and VAT number.",
            ],
          },
          "Of businesses' customers (on that business's behalf):",
          {
            list: [
              "name, and only if the business asks for it: email address, phone number and birthday;",
              "whether and when the customer accepted the terms and agreed to messages from the business;",
              "the stamp card: stamps, rewards, when and at which location they were given, and where the customer signed up (for example the poster or the website);",
              "for cards in Apple Wallet or Google Wallet: technical device identifiers (a device token) to update the card.",
            ],
          },
          "We use no advertising or tracking cookies and we never sell data.",
        ],
      },
      {
        heading: "Purposes and legal bases",
        body: [
          {
            list: [
              "To provide the service: your account, your stamp cards, the stamping tablet, wallet cards and the messages you send. Legal basis: performance of the contract with the business.",
              "To secure the service and its users and prevent fraud, for example by limiting sign-in attempts. Legal basis: our legitimate interest in a secure service.",
              "To inform you about your account, your trial and changes to the service. Legal basis: performance of the contract.",
              "To issue and keep invoices. Legal basis: a legal obligation (tax record keeping).",
            ],
          },
          "We use the data of a business's customers only for that business's stamp card, never for ourselves and never for another business. Each business's data is walled off from every other business in the database itself.",
        ],
      },
      {
        heading: "How long we keep data",
        body: [
          {
            list: [
              "Account data: as long as your account exists. After cancelling you can export your data for three months; then we delete it.",
              "Data of a business's customers: as long as the business keeps it, at most until three months after its subscription ends. A customer can delete their own data at any time from their card page.",
              "Invoices and the data on them: seven years, as Dutch tax law requires.",
              "Password reset links are valid for one hour; abuse counters last minutes to hours; technical logs are kept for at most 30 days.",
            ],
          },
        ],
      },
      {
        heading: "Who we share data with",
        body: [
          "We use the following kinds of sub-processors. With each of them we have agreements that protect the data as the GDPR requires.",
          { list: subprocessors(f) },
          "Apple and Google may process data outside the EEA, in the United States. This happens under the EU-US Data Privacy Framework or the European Commission's standard contractual clauses. Otherwise we share data only when the law requires us to.",
        ],
      },
      {
        heading: "Security",
        body: [
          {
            list: [
              "All connections are encrypted (HTTPS).",
              "Passwords, PINs and secret links are stored only as hashes.",
              "The database itself keeps each business's data apart: a business can never see another business's data.",
              "Only people who need it for their work have access to production systems.",
            ],
          },
        ],
      },
      {
        heading: "Cookies",
        body: [
          "We set only cookies the service needs to work: one that keeps you signed in, one with your language, and one with the business you picked in the dashboard. These need no consent. We use no cookies for statistics or advertising.",
        ],
      },
      {
        heading: "Your rights",
        body: [
          "You have the right to access your data, have it corrected or erased, restrict its processing, object, and take your data with you (data portability). You can withdraw consent at any time.",
          `Are you a business owner or team member? Email us at ${f.privacyEmail}. We answer within one month.`,
          "Do you hold a stamp card at a business? On your own card page you can view, download and delete your data yourself, and withdraw consent to messages. For other questions the business is your point of contact: its email address for privacy questions is on the sign-up form and on your card. If you email us, we forward your request to the business.",
          "Unhappy with how we handle your data? You can lodge a complaint with the Dutch Data Protection Authority, the Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).",
        ],
      },
      {
        heading: "Changes and contact",
        body: [
          `When we change this statement we update the date at the top; we tell business owners about important changes in advance. Questions? Email ${f.privacyEmail}.${f.registration ? ` ${f.company}, ${f.registration}.` : ""}`,
        ],
      },
    ],
  };
}

function terms(f: LegalFacts): LegalDocument {
  return {
    title: "Terms of service",
    intro: [
      `These terms apply to the use of ${f.company} by businesses. ${f.company} is a business-to-business service; consumer law does not apply. By creating an account you accept these terms.`,
    ],
    sections: [
      {
        heading: "1. Definitions",
        body: [
          {
            list: [
              `${f.company}: the provider of the service, and we.`,
              "Business: the shop that creates an account, and you.",
              "Customers: the people who hold a stamp card at the business.",
              "Service: the dashboard, the stamp cards (web, Apple Wallet and Google Wallet), the stamping tablet and everything that comes with them.",
            ],
          },
        ],
      },
      {
        heading: "2. Trial and subscription",
        body: [
          `You start with a free ${f.trialDays}-day trial, without payment details. To continue afterwards, you choose a subscription. If you choose none, you can still export your data for three months.`,
          "A subscription runs per month or per year and renews automatically for the same period. You can cancel at any time, effective at the end of the current period. You can move to a higher plan at any time; we charge the difference pro rata.",
        ],
      },
      {
        heading: "3. Prices and payment",
        body: [
          "Prices are on the pricing page and exclude VAT. We invoice in advance per month or per year; you can pay by iDEAL or SEPA direct debit.",
          "If we change prices, we tell you at least 30 days in advance. You can then cancel as of the date the new price applies.",
          "If you do not pay on time we send a reminder. If payment still does not follow, we may suspend the service after 14 days until it is paid.",
        ],
      },
      {
        heading: "4. Your responsibilities",
        body: [
          {
            list: [
              "You decide your stamp cards and rewards, and you honour the rewards customers have earned.",
              "You use the service lawfully and send messages only to customers who agreed to receive them.",
              "You keep sign-in details and PINs secret and are responsible for what your team members do with their access.",
              "You tell customers clearly how you use their data, and fill in your email address for privacy questions.",
            ],
          },
        ],
      },
      {
        heading: "5. Availability",
        body: [
          `We do our best to keep the service available at all times and announce planned maintenance in advance. The stamping tablet keeps working when the connection drops and sends the stamps once it is back. Apple Wallet and Google Wallet are services of Apple and Google; ${f.company} cannot vouch for their availability.`,
        ],
      },
      {
        heading: "6. Data and privacy",
        body: [
          `For your customers' data you are the controller and ${f.company} is the processor. The data processing agreement, which you accept when creating your account, is part of these terms. Your business's data remains yours: you can export it at any time.`,
        ],
      },
      {
        heading: "7. Intellectual property",
        body: [
          `The software and everything ${f.company} builds for it remain ${f.company}'s. Your logo, texts and images remain yours; you allow us to use them to show your stamp cards and your sign-up page.`,
        ],
      },
      {
        heading: "8. Liability",
        body: [
          `${f.company}'s liability is limited to direct damage and to the amount you paid ${f.company} in the twelve months before the damage. ${f.company} is not liable for indirect damage, such as lost revenue or profit. These limits do not apply in case of intent or deliberate recklessness.`,
        ],
      },
      {
        heading: "9. End of the agreement",
        body: [
          "After your subscription ends you can export your data for three months. We then delete all data of your business and your customers, except what the law requires us to keep (such as invoices).",
          `${f.company} may end the agreement or suspend the service if you seriously breach these terms, for example in case of abuse or fraud.`,
        ],
      },
      {
        heading: "10. Changes",
        body: [
          "We may change these terms. We announce important changes at least 30 days in advance; if you disagree, you can cancel as of the date they take effect.",
        ],
      },
      {
        heading: "11. Governing law",
        body: [
          `These terms are governed by Dutch law. Disputes go to the competent court in the district where ${f.company} is established. Questions? Email ${f.supportEmail}.${f.registration ? ` ${f.company}, ${f.registration}.` : ""}`,
        ],
      },
    ],
  };
}

function dpa(f: LegalFacts): LegalDocument {
  return {
    title: "Data processing agreement",
    intro: [
      `This data processing agreement (Article 28 GDPR) applies between the business that creates an account with ${f.company} (the controller, hereafter: the business) and ${f.company} (the processor). The business accepts it when creating the account; we ask again for each new version. It is part of the terms of service. The Dutch version (verwerkersovereenkomst) prevails.`,
    ],
    sections: [
      {
        heading: "1. Subject, duration and purpose",
        body: [
          `${f.company} processes personal data to run the business's stamp cards: signing customers up, keeping and showing cards (on the web, in Apple Wallet and in Google Wallet), stamping and redeeming rewards, delivering the business's messages and giving the business insight into its customers. The agreement runs as long as the business uses the service, and afterwards until all data has been deleted or returned.`,
        ],
      },
      {
        heading: "2. Data subjects and data",
        body: [
          {
            list: [
              "The business's customers: name; email address, phone number and birthday if the business asks for them; consents and when they were given; the card with stamps, rewards, times and locations; where the sign-up came from; device tokens for wallet cards.",
              "The business's team members: name, email address, role, PIN (as a hash) and the actions they take in the service.",
            ],
          },
          "Special categories of personal data are not needed for the service; the business does not ask for them.",
        ],
      },
      {
        heading: "3. Instructions",
        body: [
          `${f.company} processes the data only on the business's documented instructions. Those instructions are this agreement and the choices the business makes in the service (for example which fields the sign-up form asks and which messages it sends). ${f.company} never uses the data for its own purposes. If ${f.company} believes an instruction infringes the law, it says so immediately.`,
        ],
      },
      {
        heading: "4. Confidentiality",
        body: [`Everyone at ${f.company} with access to the data is bound to confidentiality and has access only as far as their work requires.`],
      },
      {
        heading: "5. Security",
        body: [
          `${f.company} takes appropriate technical and organisational measures (Article 32 GDPR), including:`,
          {
            list: [
              "encrypted connections (HTTPS) for all traffic;",
              "separation of each business's data in the database itself (row-level security): a business cannot read or change another business's data;",
              "passwords, PINs and secret links stored only as hashes;",
              "limits on sign-in attempts, a log of every stamp and reward, and access to production systems only for those who need it;",
              "regular backups within the EEA.",
            ],
          },
        ],
      },
      {
        heading: "6. Sub-processors",
        body: [
          `The business gives ${f.company} general authorisation to engage the following kinds of sub-processors:`,
          { list: subprocessors(f) },
          `${f.company} imposes the same obligations on them as in this agreement and remains responsible towards the business. ${f.company} announces a new or replaced sub-processor at least 30 days in advance; the business may object and, if no solution is found, terminate the agreement.`,
        ],
      },
      {
        heading: "7. Transfers outside the EEA",
        body: [
          `${f.company} stores the data in the EEA. Transfers outside it (to Apple or Google, when a customer adds a card to their wallet) happen only with appropriate safeguards, such as the EU-US Data Privacy Framework or the standard contractual clauses.`,
        ],
      },
      {
        heading: "8. Assisting with data subjects' rights",
        body: [
          `Customers can view, download and delete their data and withdraw consent on their own card page. If ${f.company} receives another request, it forwards it to the business without undue delay. ${f.company} also assists the business, where reasonable, with data subjects' requests, a data protection impact assessment (DPIA) and prior consultation of the Dutch Data Protection Authority.`,
        ],
      },
      {
        heading: "9. Personal data breaches",
        body: [
          `${f.company} notifies the business of a personal data breach without undue delay and at the latest within 48 hours of discovering it, with what is known: the nature of the breach, the data and people concerned, the likely consequences and the measures taken. The business decides whether to notify the Dutch Data Protection Authority and the data subjects; ${f.company} assists.`,
        ],
      },
      {
        heading: "10. Audits",
        body: [
          `${f.company} gives the business all information needed to demonstrate compliance with this agreement. The business may have this checked once a year by an independent expert, with 30 days' notice and at its own cost, without disrupting the service for others.`,
        ],
      },
      {
        heading: "11. End of the agreement",
        body: [
          `After the subscription ends the business can export the data for three months. ${f.company} then deletes all personal data it processes for the business, from backups within their normal cycle too, unless the law requires it to be kept.`,
        ],
      },
      {
        heading: "12. Liability and precedence",
        body: [
          `Liability is governed by the terms of service. Where this agreement and the terms of service conflict on the processing of personal data, this agreement prevails. Questions? Email ${f.privacyEmail}.${f.registration ? ` ${f.company}, ${f.registration}.` : ""}`,
        ],
      },
    ],
  };
}

export const EN: Record<LegalKind, (f: LegalFacts) => LegalDocument> = { privacy, terms, dpa };
