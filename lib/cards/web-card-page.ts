// The customer's web card (/c/<token>) as plain server-rendered HTML with one
// small inline script, like the enrollment page: it opens on phones on slow
// networks, where a React page (its framework and hydration) scored 64–74 on
// Lighthouse's mobile profile against 95 asked (docs/reliability.md).
// Everything works without JavaScript (the survey is a form posting to
// /c/<token>/survey); the script adds copying, the share sheet and installing.
import { nextReward, readyRewards } from "@/lib/cards/rewards";
import type { CardDesign } from "@/components/cards/design";
import { html, raw, type Html } from "@/lib/html/html";
import type { Translate as T } from "@/lib/http/html-request";
import type { WebCardSurveyState } from "@/lib/surveys/web-card-survey";
import type { SurveyQuestion } from "@/lib/surveys/eligibility";
import { COMMENT_MAX } from "@/lib/validation/surveys";

export type WebCardView = {
  token: string;
  serial: string;
  customerName: string;
  design: CardDesign;
  counters: { stampCount: number; rewardsAvailable: number; intermediateAvailable: number };
  qr: string;
  welcome: boolean;
  /** ?vraag=1: opened from the pass's "Geef je mening": the question goes on top. */
  surveyOnTop: boolean;
  survey: WebCardSurveyState;
  message: { header: string; body: string; link: string | null } | null;
  merged: { serial: string; webToken: string } | null;
  apple: { shown: boolean; devNote: boolean };
  google: boolean;
  share: { url: string; qr: string; mine: number; friend: number } | null;
  cardUrl: string;
  events: { id: string; type: string; amount: number; createdAt: Date }[];
  terms: string | null;
  business: { name: string; address: string | null; phone: string | null; email: string | null; website: string | null };
  privacyContactEmail: string | null;
};

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fafaf9;color:#1c1917;-webkit-text-size-adjust:100%}
main{max-width:28rem;margin:0 auto;padding:1rem 1rem 2.5rem}main>*+*{margin-top:1.25rem}h1,h2,p{margin:0}h2{font-size:1rem;font-weight:600}
a{color:#92400e}.skip{position:absolute;left:-9999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem .75rem;z-index:9}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.muted{color:#57534e}.small{font-size:.875rem}.xs{font-size:.75rem}
.box{background:#fff;border-radius:1rem;padding:1rem}.box>*+*{margin-top:.75rem}.alert{border:1px solid #fde68a;background:#fffbeb;color:#78350f;border-radius:.5rem;padding:.75rem 1rem;font-size:.875rem}
.alert.ok{border-color:#a7f3d0;background:#ecfdf5;color:#065f46}.msg{border:1px solid #fde68a;background:#fffbeb;border-radius:1rem;padding:1rem}.msg>*+*{margin-top:.5rem}.pre{white-space:pre-line}
.card{border-radius:1.5rem;padding:1.5rem;box-shadow:0 25px 50px -12px rgba(0,0,0,.25)}.logo{display:block;max-height:3.5rem;max-width:100%;height:auto;width:auto;object-fit:contain;margin-bottom:1rem}
.label{font-size:.875rem;text-transform:uppercase;letter-spacing:.1em}.card h1{font-size:1.5rem;font-weight:700;margin-top:.25rem}.ready{margin-top:1rem;border-radius:.75rem;background:#fff;color:#1c1917;padding:.75rem 1rem;font-weight:600;box-shadow:0 1px 3px rgba(0,0,0,.15)}
.strip{display:grid;grid-template-columns:repeat(5,1fr);gap:.75rem;margin-top:1.5rem}.strip span{display:flex;aspect-ratio:1;align-items:center;justify-content:center;border:2px solid;border-radius:50%;font-size:1.125rem}
.qr{margin-top:1.5rem;border-radius:1rem;background:#fff;padding:1rem;text-align:center;color:#1c1917}.qr div{margin:0 auto;width:12rem;height:12rem}.qr svg,.rq svg{width:100%;height:100%}.rq{margin:.75rem auto 0;width:10rem;height:10rem}
.serial{margin-top:.5rem;font:1.125rem ui-monospace,monospace;letter-spacing:.1em}.btn{display:flex;min-height:3rem;width:100%;align-items:center;justify-content:center;border-radius:.75rem;padding:0 1rem;font:inherit;font-weight:500;text-decoration:none;cursor:pointer}
.btn+.btn,.btn+p,p+.btn{margin-top:.5rem}.apple{background:#000;color:#fff}.google{background:#1f1f1f;color:#fff;border-radius:999px}.plain{border:1px solid #d6d3d1;background:#fff;color:#1c1917}
.dark{border:0;background:#1c1917;color:#fff}.small-btn{display:inline-flex;min-height:2.75rem;align-items:center;border:1px solid #d6d3d1;background:#fff;border-radius:.5rem;padding:0 1rem;font:inherit;font-size:.875rem;font-weight:500;color:#1c1917;cursor:pointer}
.row{display:flex;flex-wrap:wrap;gap:.5rem}.link{height:2.75rem;width:100%;border:1px solid #d6d3d1;border-radius:.5rem;background:#fafaf9;padding:0 .75rem;font:.875rem ui-monospace,monospace;color:#1c1917}
.ok{color:#047857}.bad{color:#b91c1c}.center{text-align:center}ul{list-style:none;margin:.5rem 0 0;padding:0;font-size:.875rem}li{display:flex;justify-content:space-between;padding:.5rem 0;border-top:1px solid #f5f5f4}li:first-child{border:0}
details{background:#fff;border-radius:.5rem;padding:.75rem;text-align:left;color:#57534e}summary{cursor:pointer;font-weight:500}footer{text-align:center;font-size:.875rem}footer>*+*{margin-top:.5rem}
address{font-style:normal;color:#57534e}address a{display:block}.tap{display:inline-block;min-height:2.75rem;padding:.75rem 0}
fieldset{border:0;margin:0;padding:0}fieldset>*+*{margin-top:.75rem}legend{font-weight:600;padding:0}.faces{display:grid;grid-template-columns:repeat(5,1fr);gap:.5rem}
.face{display:flex;min-height:5rem;flex-direction:column;align-items:center;justify-content:center;gap:.25rem;border:1px solid #d6d3d1;border-radius:.75rem;background:#fff;color:#1c1917;font:inherit;cursor:pointer}.face b{font-size:1.875rem;font-weight:400}
.scale{display:grid;grid-template-columns:repeat(6,1fr);gap:.375rem}@media(min-width:40rem){.scale{grid-template-columns:repeat(11,1fr)}}.scale label{position:relative}
.scale input{position:absolute;opacity:0}.scale span{display:flex;min-height:3rem;align-items:center;justify-content:center;border:1px solid #d6d3d1;border-radius:.5rem;background:#fff;font-size:1.125rem;font-weight:600;cursor:pointer}
.scale input:checked+span{border-color:#d97706;background:#f59e0b}.scale input:focus-visible+span{outline:2px solid #d97706;outline-offset:2px}.ends{display:flex;justify-content:space-between;color:#78716c}
textarea{width:100%;border:1px solid #d6d3d1;border-radius:.5rem;padding:.75rem;font:inherit}.later{display:block;width:100%;min-height:2.75rem;border:0;background:none;color:#57534e;text-decoration:underline;font:inherit;font-size:.875rem;cursor:pointer}
.thanks{border:1px solid #a7f3d0;background:#ecfdf5;color:#064e3b;border-radius:1rem;padding:1rem}button:focus-visible,a:focus-visible{outline:2px solid #1c1917;outline-offset:2px}button[disabled]{opacity:.6}`;

// Copy and share buttons, the install button, the survey's "choose a score", and one submit per form.
const SCRIPT = `var $=function(s){return document.querySelectorAll(s)};
$("[data-copy]").forEach(function(b){var i=document.getElementById(b.dataset.copy),s=document.getElementById(b.dataset.copy+"-status");b.onclick=function(){navigator.clipboard.writeText(i.value).then(function(){s.className="small ok";s.textContent=b.dataset.ok},function(){i.select();s.className="small bad";s.textContent=b.dataset.fail})}});
$("input[readonly]").forEach(function(i){i.onfocus=function(){i.select()}});
if(navigator.share)$("[data-share]").forEach(function(b){b.hidden=false;b.onclick=function(){navigator.share({title:b.dataset.title,text:b.dataset.text||undefined,url:document.getElementById(b.dataset.share).value}).catch(function(){})}});
var hs=document.getElementById("home-screen");if(hs){var how=document.getElementById("home-screen-how"),btn=hs.querySelector("button"),p=null,done=function(){hs.innerHTML="";var d=document.createElement("p");d.className="small muted center";d.dataset.testid="home-screen-installed";d.textContent=hs.dataset.installed;hs.appendChild(d)};
if(matchMedia("(display-mode: standalone)").matches)done();addEventListener("beforeinstallprompt",function(e){e.preventDefault();p=e;btn.removeAttribute("aria-expanded")});addEventListener("appinstalled",done);
btn.onclick=function(){if(!p){how.hidden=!how.hidden;btn.setAttribute("aria-expanded",String(!how.hidden));return}p.prompt();p.userChoice.then(function(c){if(c.outcome==="accepted")done()});p=null}}
$("form").forEach(function(f){var n=f.dataset.needs;f.addEventListener("submit",function(e){var s=e.submitter;
if(n&&!(s&&s.name==="later")&&!f.querySelector("input[name="+n+"]:checked")){e.preventDefault();document.getElementById(n+"-error").hidden=false;f.querySelector("input[name="+n+"]").focus();return}
setTimeout(function(){if(!e.defaultPrevented)f.querySelectorAll("button").forEach(function(b){b.disabled=true})})})});`;

const ICONS: Record<string, string> = { coffee: "☕", star: "★", heart: "♥", croissant: "🥐", scissors: "✂", check: "✓" };
const FACES = ["😞", "🙁", "😐", "🙂", "😄"];

function stampStrip(filled: number, total: number, color: string, icon: string): Html {
  const stamps = Array.from({ length: total }, (_, i) =>
    i < filled
      ? html`<span style="border-color:${color};background:${color};color:#3b2a20">${ICONS[icon] ?? "✓"}</span>`
      : html`<span style="border-color:${color};color:${color}"></span>`,
  );
  return html`<div class="strip" role="img" aria-label="${filled} / ${total}">${stamps}</div>`;
}

function card(t: T, v: WebCardView): Html {
  const d = v.design;
  const ready = readyRewards(v.counters, d);
  const next = nextReward(v.counters, d);
  return html`<article class="card" style="background:${d.backgroundColor};color:${d.foregroundColor}" data-testid="web-card">
${d.logoUrl ? html`<img src="${d.logoUrl}" alt="" class="logo" data-testid="web-card-logo">` : ""}
<p class="label" style="color:${d.labelColor}">${d.merchantName}</p><h1>${d.name}</h1><p>${v.customerName}</p>
${ready.map((r) => html`<p class="ready" data-testid="reward-ready"><span aria-hidden="true">🎁 </span>${t("card.ready", { count: r.count, reward: r.name ?? t("card.intermediateUnnamed") })}</p>`)}
${stampStrip(Math.min(v.counters.stampCount, d.stampsRequired), d.stampsRequired, d.labelColor, d.stampIcon)}
<p style="margin-top:1.5rem;font-weight:500" data-testid="stamp-count">${t("card.stamps", { count: v.counters.stampCount, total: d.stampsRequired })}</p>
<p class="small" style="font-weight:500" data-testid="next-reward">${t("card.next", { remaining: next.remaining, reward: next.name })}</p>
<p class="small" style="margin-top:.5rem;color:${d.labelColor}">${t("card.reward", { reward: d.rewardText })}</p>
${d.intermediateStamp && d.intermediateRewardText ? html`<p class="small" style="color:${d.labelColor}">${t("card.intermediate", { at: d.intermediateStamp, reward: d.intermediateRewardText })}</p>` : ""}
<div class="qr"><div role="img" aria-label="${t("card.qrAlt")}" data-testid="card-qr">${raw(v.qr)}</div><p class="serial" data-testid="card-serial">${v.serial}</p><p class="small" style="color:#78716c">${t("card.showAtCounter")}</p></div>
</article>`;
}

/** A 0–10 row of radio buttons, each a thumb-sized target. */
function scale(t: T, name: string, legend: string, optional: boolean): Html {
  const options = Array.from({ length: 11 }, (_, n) => html`<label><input type="radio" name="${name}" value="${n}"><span>${n}</span></label>`);
  return html`<fieldset aria-describedby="${name}-hint"><legend>${legend}</legend><div class="scale" data-testid="survey-scale-${name}">${options}</div>
<p id="${name}-hint" class="ends xs"><span>0 · ${t("survey.nps.low")}</span><span>${optional ? `${t("survey.nps.optional")} ` : ""}10 · ${t("survey.nps.high")}</span></p>
${optional ? "" : html`<p id="${name}-error" class="small bad" role="alert" hidden>${t("survey.errors.scoreRequired")}</p>`}</fieldset>`;
}

function question(t: T, token: string, q: SurveyQuestion): Html {
  const body =
    q.kind === "SATISFACTION"
      ? html`<fieldset aria-describedby="satisfaction-hint"><legend style="font-size:1.125rem">${t("survey.satisfaction.question")}</legend><p id="satisfaction-hint" class="small" style="color:#78716c">${t("survey.satisfaction.hint")}</p>
<div class="faces">${FACES.map((face, i) => html`<button type="submit" name="score" value="${i + 1}" class="face" data-testid="survey-score-${i + 1}"><b aria-hidden="true">${face}</b><span class="xs">${t(`survey.satisfaction.score${i + 1}`)}</span></button>`)}</div></fieldset>`
      : html`${scale(t, "score", t("survey.nps.question"), false)}
${q.cli ? html`${scale(t, "comeBack", t("survey.nps.comeBack"), true)}${scale(t, "tryOther", t("survey.nps.tryOther"), true)}` : ""}
<div><label for="survey-comment" style="font-weight:600">${t("survey.nps.comment")}</label><textarea id="survey-comment" name="comment" rows="3" maxlength="${COMMENT_MAX}" aria-describedby="comment-hint"></textarea><p id="comment-hint" class="xs" style="color:#78716c">${t("survey.nps.commentHint")}</p></div>
<button type="submit" class="btn dark" data-testid="survey-submit">${t("survey.nps.submit")}</button>`;
  // Our own messages, not the browser's (novalidate, as every form): without a score the script says "Kies een cijfer."
  // (data-needs), without JavaScript the server's answer does; "Niet nu" needs nothing chosen.
  return html`<section id="vraag" class="box" data-testid="survey" data-kind="${q.kind}"><form method="post" action="/c/${token}/survey" novalidate${q.kind === "NPS" ? raw(' data-needs="score"') : ""}><input type="hidden" name="kind" value="${q.kind}">
${body}<button type="submit" name="later" value="1" class="later" data-testid="survey-later-button">${t("survey.later")}</button></form></section>`;
}

function survey(t: T, v: WebCardView): Html | "" {
  const s = v.survey;
  if (!s) return "";
  if (s.show === "thanks")
    return html`<section id="vraag" class="thanks" role="status" data-testid="survey-thanks"><p style="font-weight:600">${t("survey.thanksTitle")}</p><p class="small">${t("survey.thanks", { merchant: v.business.name })}</p></section>`;
  if (s.show === "nothingDue") return html`<p id="vraag" class="box small muted center" data-testid="survey-none">${t("survey.nothingDue")}</p>`;
  return question(t, v.token, s.question);
}

/** A link to copy or hand to the phone's share sheet (the button appears only where the browser has one). */
function linkField(
  id: string,
  url: string,
  texts: Record<"label" | "copy" | "share" | "copied" | "copyFailed", string>,
  share: { title: string; text?: string },
  testIds: Record<"input" | "copy" | "share", string>,
): Html {
  return html`<label for="${id}" class="sr">${texts.label}</label><input id="${id}" class="link" readonly value="${url}" data-testid="${testIds.input}">
<div class="row"><button type="button" class="small-btn" data-copy="${id}" data-ok="${texts.copied}" data-fail="${texts.copyFailed}" data-testid="${testIds.copy}">${texts.copy}</button><button type="button" class="small-btn" hidden data-share="${id}" data-title="${share.title}" data-text="${share.text ?? ""}" data-testid="${testIds.share}">${texts.share}</button></div>
<p id="${id}-status" role="status" class="small"></p>`;
}

const linkTexts = (t: T, ns: string) => ({
  label: t(`${ns}.label`),
  copy: t(`${ns}.copy`),
  share: t(`${ns}.share`),
  copied: t(`${ns}.copied`),
  copyFailed: t(`${ns}.copyFailed`),
});

function wallets(t: T, v: WebCardView): Html {
  const apple = v.apple.shown
    ? html`<a href="/api/cards/${v.token}/apple-pass" class="btn apple" data-testid="add-apple"${v.apple.devNote ? raw(' aria-describedby="apple-dev"') : ""}>${t("card.addApple")}</a>
${v.apple.devNote ? html`<p id="apple-dev" class="xs center" style="color:#78716c">${t("card.appleDevCertificates")}</p>` : ""}`
    : "";
  // Without Google Wallet: the card as an app on the home screen (its own manifest).
  const google = v.google
    ? html`<a href="/api/cards/${v.token}/google-pass" class="btn google" data-testid="add-google">${t("card.addGoogle")}</a>`
    : html`<div id="home-screen" data-testid="home-screen" data-installed="${t("card.homeScreen.installed")}"><button type="button" class="btn plain" aria-expanded="false" aria-controls="home-screen-how" data-testid="add-home-screen">${t("card.homeScreen.button")}</button>
<div id="home-screen-how" class="box small" style="margin-top:.5rem;color:#44403c" hidden><p>${t("card.homeScreen.lead")}</p><p>${t("card.homeScreen.iphone")}</p><p>${t("card.homeScreen.android")}</p></div></div>`;
  return html`<section aria-labelledby="wallet-heading"><h2 id="wallet-heading" class="sr">${t("card.wallets")}</h2>${apple}${google}</section>`;
}

function sharing(t: T, v: WebCardView): Html {
  const merchant = v.business.name;
  const s = v.share;
  const referral = s
    ? html`<section class="box" aria-labelledby="referral-heading" data-testid="referral-share"><h2 id="referral-heading">${t("card.referral.title")}</h2>
<p class="small muted">${s.mine === s.friend ? t("card.referral.bothGet", { n: s.mine }) : t("card.referral.eachGets", { mine: s.mine, friend: s.friend })}</p>
<div class="rq" role="img" aria-label="${t("card.referral.qrAlt")}" data-testid="referral-qr">${raw(s.qr)}</div>
${linkField("referral-link", s.url, linkTexts(t, "card.referral"), { title: t("card.referral.shareTitle", { merchant }), text: t("card.referral.shareText", { merchant }) }, { input: "referral-link", copy: "referral-copy", share: "referral-share-button" })}</section>`
    : "";
  return html`${referral}<section class="box" aria-labelledby="save-link-heading" data-testid="save-link"><h2 id="save-link-heading">${t("card.saveLink.title")}</h2><p class="small muted">${t("card.saveLink.lead")}</p>
${linkField("card-link", v.cardUrl, linkTexts(t, "card.saveLink"), { title: t("card.saveLink.shareTitle", { merchant }) }, { input: "save-link-url", copy: "save-link-copy", share: "save-link-share" })}</section>`;
}

function history(t: T, locale: string, v: WebCardView): Html {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Amsterdam" });
  return html`<section class="box" aria-labelledby="history-heading"><h2 id="history-heading">${t("card.history")}</h2><ul data-testid="card-history">${v.events.map(
    (e) =>
      html`<li><span>${t(`card.event.${e.type}`, { amount: e.amount })}</span><time datetime="${e.createdAt.toISOString()}" style="color:#78716c">${format.format(e.createdAt)}</time></li>`,
  )}</ul></section>`;
}

function footer(t: T, v: WebCardView): Html {
  const b = v.business;
  const contact =
    b.address || b.phone || b.email || b.website
      ? html`<address data-testid="business-contact"><span style="font-weight:500">${b.name}</span>${b.address ? html`<span style="display:block">${b.address}</span>` : ""}
${b.phone ? html`<a href="tel:${b.phone.replace(/[^+\d]/g, "")}">${b.phone}</a>` : ""}${b.email ? html`<a href="mailto:${b.email}">${b.email}</a>` : ""}${b.website ? html`<a href="${b.website}" rel="noopener noreferrer">${b.website.replace(/^https?:\/\//, "")}</a>` : ""}</address>`
      : "";
  return html`<footer>${v.terms ? html`<details><summary>${t("card.terms")}</summary><p class="pre" style="margin-top:.5rem">${v.terms}</p></details>` : ""}
<a href="/c/${v.token}/privacy" class="tap">${t("card.privacyLink")}</a>${contact}
${v.privacyContactEmail ? html`<p class="muted" data-testid="privacy-contact">${t("legal.privacyContact", { merchant: b.name })} <a href="mailto:${v.privacyContactEmail}">${v.privacyContactEmail}</a></p>` : ""}</footer>`;
}

function page(t: T, locale: string, nonce: string, head: Html, body: Html): string {
  return html`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${head}<style>${raw(CSS)}</style></head>
<body><a href="#main" class="skip">${t("nav.skipToContent")}</a><main id="main">${body}</main><script nonce="${nonce}">${raw(SCRIPT)}</script></body></html>`
    .value;
}

/** The whole page. */
export function webCardPage(t: T, locale: string, v: WebCardView, nonce = ""): string {
  const d = v.design;
  // Personal page: never indexed, never sent as referrer. iPhone: "Zet op beginscherm" opens it full screen under the shop's name.
  const head = html`<title>${d.name} — ${d.merchantName}</title><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer">
<meta name="theme-color" content="${d.backgroundColor}"><link rel="manifest" href="/c/${v.token}/manifest.webmanifest"><link rel="icon" href="/favicon.ico"><link rel="apple-touch-icon" href="/icons/icon-192.png">
<meta name="mobile-web-app-capable" content="yes"><meta name="apple-mobile-web-app-title" content="${d.merchantName.slice(0, 30)}"><meta name="apple-mobile-web-app-status-bar-style" content="default">`;
  const top = v.surveyOnTop ? survey(t, v) : "";
  const below = v.surveyOnTop ? "" : survey(t, v);
  const body = html`${v.welcome ? html`<div class="alert ok" role="status">${t("card.welcome")}</div>` : ""}
${v.message ? html`<section class="msg" aria-labelledby="card-message-heading" data-testid="card-message"><h2 id="card-message-heading">${v.message.header}</h2><p class="pre small">${v.message.body}</p>${v.message.link && /^https?:\/\//i.test(v.message.link) ? html`<a href="${v.message.link}" rel="noopener noreferrer" target="_blank" class="small-btn" style="background:#f59e0b;border:0" data-testid="card-message-link">${t("card.message.open")}</a>` : ""}</section>` : ""}
${v.merged ? html`<div class="alert" role="status" data-testid="card-merged">${t("card.mergedInto", { serial: v.merged.serial })} <a href="/c/${v.merged.webToken}" style="font-weight:600">${t("card.openMerged")}</a></div>` : ""}
${top}${card(t, v)}${below}${wallets(t, v)}${sharing(t, v)}${history(t, locale, v)}${footer(t, v)}`;
  return page(t, locale, nonce, head, body);
}

/** The shop deleted its account (lib/organizations/deletion.ts): the card has stopped. */
export function closedCardPage(t: T, locale: string, merchant: string, nonce = ""): string {
  return page(
    t,
    locale,
    nonce,
    html`<title>${t("settings.webCard.closedTitle")}</title><meta name="robots" content="noindex, nofollow">`,
    html`<div data-testid="card-closed"><h1 style="font-size:1.5rem">${t("settings.webCard.closedTitle")}</h1><p class="muted" style="margin-top:1rem">${t("settings.webCard.closedBody", { merchant })}</p></div>`,
  );
}
