// The customer's sign-up page behind the QR, as plain server-rendered HTML with
// a few hundred bytes of inline script: it must load fast on 3G on any phone.
// Forms post to the same URL and work without JavaScript; errors come back on
// the same page with everything the customer typed still filled in.
import { html, raw, type Html } from "@/lib/html/html";
import type { Translate as T } from "@/lib/http/html-request";
import type { FormFields } from "@/lib/validation/programs";

export type JoinProgram = {
  id: string;
  name: string;
  rewardText: string;
  stampsRequired: number;
  intermediateStamp: number | null;
  intermediateRewardText: string | null;
  backgroundColor: string;
  foregroundColor: string;
  labelColor: string;
  terms: string | null;
  consentText: string | null;
  logoUrl: string | null;
  merchantName: string;
  /** Where customers send privacy questions (the merchant is the controller of their data). */
  privacyContactEmail: string | null;
  /** The shop's address and contact lines (Instellingen → Bedrijf), shown under the form. */
  business?: string[];
  fields: FormFields;
};

export type JoinState =
  | {
      step: "form";
      token: string;
      source: string;
      /** A customer's share code (lib/referrals), carried through the form. */
      ref?: string | null;
      values?: Record<string, string>;
      errors?: Record<string, string[]>;
      formError?: string;
    }
  // The retired email-code step (/join/<id>/verify): a way back to the form.
  | { step: "gone" };

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fafaf9;color:#1c1917}
main{max-width:28rem;margin:0 auto;padding:1rem 1rem 2.5rem}header{border-radius:1.5rem;padding:1.5rem;margin:.5rem 0 1.25rem}
h1{font-size:1.5rem;line-height:1.2;margin:0}label{display:block;font-weight:500;font-size:.9rem;margin:0 0 .35rem}
.f{margin:0 0 1rem}input[type=text],input[type=email],input[type=tel],input[type=date]{width:100%;height:2.9rem;border:1px solid #d6d3d1;border-radius:.6rem;padding:0 .75rem;font-size:1rem;background:#fff}
input:focus{outline:2px solid #f59e0b;outline-offset:1px}input[aria-invalid=true]{border-color:#dc2626}.err{color:#b91c1c;font-size:.9rem;margin:.3rem 0 0}
.hint{color:#78716c;font-size:.9rem;margin:.3rem 0 0}.check{display:flex;gap:.75rem;align-items:flex-start;font-weight:400;font-size:1rem;margin:0 0 1rem}
.check input{width:1.3rem;height:1.3rem;margin-top:.15rem;flex:none}button{width:100%;min-height:3rem;border:0;border-radius:.75rem;background:#f59e0b;color:#1c1917;font-size:1.1rem;font-weight:600}
button[disabled]{opacity:.6}.alert{border-radius:.6rem;padding:.75rem 1rem;margin:0 0 1rem;font-size:.95rem}.alert.e{background:#fef2f2;color:#991b1b;border:1px solid #fecaca}
.alert.i{background:#fffbeb;color:#78350f;border:1px solid #fde68a}.hp{position:absolute;left:-9999px}.lang{text-align:right;font-size:.9rem}.lang a{color:#92400e;padding:.5rem}
details{background:#fff;border-radius:.6rem;padding:1rem;margin-top:1.25rem;font-size:.9rem;color:#57534e}summary{cursor:pointer;font-weight:500}`;

// Disables the button on submit so a double tap sends one request (the server is idempotent anyway).
const SCRIPT = `document.querySelectorAll("form").forEach(function(f){f.addEventListener("submit",function(){var b=f.querySelector("button");if(b){b.disabled=true;b.textContent=b.dataset.busy}})})`;

function field(
  t: T,
  name: string,
  label: string,
  type: string,
  value: string | undefined,
  errors: string[] | undefined,
  extra: Html | string = "",
  hint?: string,
) {
  const err = errors?.[0];
  return html`<div class="f"><label for="${name}">${label}</label><input id="${name}" name="${name}" type="${type}" value="${value ?? ""}" ${raw(String(extra))}${err ? raw(` aria-invalid="true" aria-describedby="${name}-err"`) : ""}>${
    err ? html`<p class="err" id="${name}-err">${t(`validation.${err}`)}</p>` : hint ? html`<p class="hint">${hint}</p>` : ""
  }</div>`;
}

function form(t: T, p: JoinProgram, s: Extract<JoinState, { step: "form" }>): Html {
  const v = s.values ?? {};
  const e = s.errors ?? {};
  const optional = (mode: string, key: string) => t(mode === "required" ? `join.${key}` : `join.${key}Optional`);
  return html`<form method="post" novalidate>
<input type="hidden" name="token" value="${s.token}"><input type="hidden" name="source" value="${s.source}">${s.ref ? html`<input type="hidden" name="ref" value="${s.ref}">` : ""}
<div class="hp" aria-hidden="true"><label>Website <input name="website" tabindex="-1" autocomplete="off"></label></div>
${field(t, "name", t("join.name"), "text", v.name, e.name, 'autocomplete="name" required maxlength="80"')}
${p.fields.email !== "hidden" ? field(t, "email", optional(p.fields.email, "email"), "email", v.email, e.email, `autocomplete="email" inputmode="email"${p.fields.email === "required" ? " required" : ""}`, t("join.emailHint")) : ""}
${p.fields.phone !== "hidden" ? field(t, "phone", optional(p.fields.phone, "phone"), "tel", v.phone, e.phone, `autocomplete="tel" inputmode="tel"${p.fields.phone === "required" ? " required" : ""}`) : ""}
${p.fields.birthday !== "hidden" ? field(t, "birthday", optional(p.fields.birthday, "birthday"), "date", v.birthday, e.birthday, p.fields.birthday === "required" ? "required" : "", t("join.birthdayHint")) : ""}
<label class="check"><input type="checkbox" name="termsAccepted"${v.termsAccepted ? raw(" checked") : ""}${e.termsAccepted ? raw(' aria-invalid="true" aria-describedby="termsAccepted-err"') : ""}><span>${t(p.terms ? "join.termsWithLink" : "join.terms", { merchant: p.merchantName })}</span></label>
${e.termsAccepted ? html`<p class="err" id="termsAccepted-err" style="margin-top:-.6rem">${t(`validation.${e.termsAccepted[0]}`)}</p>` : ""}
${p.fields.marketingConsent ? html`<label class="check"><input type="checkbox" name="marketingConsent"${v.marketingConsent ? raw(" checked") : ""}><span>${p.consentText || t("join.marketing", { merchant: p.merchantName })}</span></label>` : ""}
<button type="submit" data-busy="${t("common.loading")}">${t("join.submit")}</button>
</form>`;
}

/** What the card is (not how far anyone is): "Spaar 8 stempels → gratis broodje", "Na 4 stempels: gratis koffie". */
function cardSummary(t: T, p: JoinProgram): Html {
  const halfway =
    p.intermediateStamp && p.intermediateRewardText
      ? html`<p style="margin:.25rem 0 0">${t("join.cardIntermediate", { at: p.intermediateStamp, reward: p.intermediateRewardText })}</p>`
      : "";
  return html`<p style="margin:.5rem 0 0;color:${p.labelColor}">${p.name}</p><p style="margin:.25rem 0 0;font-weight:600">${t("join.cardGoal", { stamps: p.stampsRequired, reward: p.rewardText })}</p>${halfway}`;
}

function gone(t: T, self: string): Html {
  return html`<div class="alert i" role="status">${t("join.verifyGone")}</div><p><a href="${self}" style="color:#92400e;font-weight:600">${t("join.startAgain")}</a></p>`;
}

export function joinPage(t: T, locale: string, p: JoinProgram, state: JoinState, nonce = ""): string {
  const self = `/join/${p.id}`;
  const other = locale === "nl" ? "en" : "nl";
  const body = html`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${p.name} — ${p.merchantName}</title><meta name="theme-color" content="${p.backgroundColor}"><style>${raw(CSS)}</style></head>
<body><main id="main">
<p class="lang"><a href="${self}?lang=${other}${state.step === "form" ? `&s=${state.source}${state.ref ? `&ref=${state.ref}` : ""}` : ""}" lang="${other}">${other === "en" ? "English" : "Nederlands"}</a></p>
<header style="background:${p.backgroundColor};color:${p.foregroundColor}">${p.logoUrl ? html`<img src="${p.logoUrl}" alt="${p.merchantName}" style="height:2.5rem;max-width:10rem;object-fit:contain;margin-bottom:.75rem">` : ""}
<h1>${t("join.title", { merchant: p.merchantName })}</h1>${cardSummary(t, p)}</header>
${state.step === "form" && state.formError ? html`<div class="alert e" role="alert">${t(state.formError)}</div>` : ""}
${state.step === "form" ? html`<p>${t("join.lead")}</p>${form(t, p, state)}` : gone(t, self)}
${p.business?.length ? html`<p class="hint" style="margin-top:1.25rem" data-testid="business-contact">${p.merchantName}<br>${raw(p.business.map((l) => html`${l}`.value).join("<br>"))}</p>` : ""}
<p class="hint" style="margin-top:1.25rem">${p.privacyContactEmail ? html`${t("legal.privacyContact", { merchant: p.merchantName })} <a href="mailto:${p.privacyContactEmail}" style="color:#92400e">${p.privacyContactEmail}</a> · ` : ""}<a href="/privacy" style="color:#92400e">${t("legal.platformPrivacy")}</a></p>
${p.terms ? html`<details><summary>${t("join.termsTitle")}</summary><p style="white-space:pre-line">${p.terms}</p></details>` : ""}
</main><script nonce="${nonce}">${raw(SCRIPT)}</script></body></html>`;
  return body.value;
}
