// The message catalogs, one JSON file per namespace and language so that
// features edit their own files. Both languages must have the same keys
// (tests/unit/messages.test.ts).
import nl_meta from "./nl/meta.json";
import nl_common from "./nl/common.json";
import nl_nav from "./nl/nav.json";
import nl_landing from "./nl/landing.json";
import nl_signup from "./nl/signup.json";
import nl_legal from "./nl/legal.json";
import nl_pricing from "./nl/pricing.json";
import nl_auth from "./nl/auth.json";
import nl_validation from "./nl/validation.json";
import nl_errors from "./nl/errors.json";
import nl_dashboard from "./nl/dashboard.json";
import nl_card from "./nl/card.json";
import nl_join from "./nl/join.json";
import nl_outbox from "./nl/outbox.json";
import nl_designer from "./nl/designer.json";
import nl_share from "./nl/share.json";
import nl_poster from "./nl/poster.json";
import nl_privacy from "./nl/privacy.json";
import nl_tablet from "./nl/tablet.json";
import nl_team from "./nl/team.json";
import nl_invite from "./nl/invite.json";
import nl_pass from "./nl/pass.json";
import nl_onboarding from "./nl/onboarding.json";
import nl_email from "./nl/email.json";
import nl_settings from "./nl/settings.json";
import nl_tabletSetup from "./nl/tabletSetup.json";
import nl_stampRules from "./nl/stampRules.json";
import nl_customerImport from "./nl/customerImport.json";
import nl_customers from "./nl/customers.json";
import nl_insights from "./nl/insights.json";
import nl_insightsOverview from "./nl/insightsOverview.json";
import nl_insightsSegments from "./nl/insightsSegments.json";
import nl_insightsLoyalty from "./nl/insightsLoyalty.json";
import nl_insightsSurveys from "./nl/insightsSurveys.json";
import nl_survey from "./nl/survey.json";
import nl_insightsStaff from "./nl/insightsStaff.json";
import nl_automations from "./nl/automations.json";
import nl_webhooks from "./nl/webhooks.json";
import nl_apiKeys from "./nl/apiKeys.json";
import nl_messages from "./nl/messages.json";
import nl_messageEmail from "./nl/messageEmail.json";
import nl_referrals from "./nl/referrals.json";
import nl_billingLimits from "./nl/billing-limits.json";
import nl_billing from "./nl/billing.json";
import nl_audit from "./nl/audit.json";
import en_meta from "./en/meta.json";
import en_common from "./en/common.json";
import en_nav from "./en/nav.json";
import en_landing from "./en/landing.json";
import en_signup from "./en/signup.json";
import en_legal from "./en/legal.json";
import en_pricing from "./en/pricing.json";
import en_auth from "./en/auth.json";
import en_validation from "./en/validation.json";
import en_errors from "./en/errors.json";
import en_dashboard from "./en/dashboard.json";
import en_card from "./en/card.json";
import en_join from "./en/join.json";
import en_outbox from "./en/outbox.json";
import en_designer from "./en/designer.json";
import en_share from "./en/share.json";
import en_poster from "./en/poster.json";
import en_privacy from "./en/privacy.json";
import en_tablet from "./en/tablet.json";
import en_team from "./en/team.json";
import en_invite from "./en/invite.json";
import en_pass from "./en/pass.json";
import en_onboarding from "./en/onboarding.json";
import en_email from "./en/email.json";
import en_settings from "./en/settings.json";
import en_tabletSetup from "./en/tabletSetup.json";
import en_stampRules from "./en/stampRules.json";
import en_customerImport from "./en/customerImport.json";
import en_customers from "./en/customers.json";
import en_insights from "./en/insights.json";
import en_insightsOverview from "./en/insightsOverview.json";
import en_insightsSegments from "./en/insightsSegments.json";
import en_insightsLoyalty from "./en/insightsLoyalty.json";
import en_insightsSurveys from "./en/insightsSurveys.json";
import en_survey from "./en/survey.json";
import en_insightsStaff from "./en/insightsStaff.json";
import en_automations from "./en/automations.json";
import en_webhooks from "./en/webhooks.json";
import en_apiKeys from "./en/apiKeys.json";
import en_messages from "./en/messages.json";
import en_messageEmail from "./en/messageEmail.json";
import en_referrals from "./en/referrals.json";
import en_billingLimits from "./en/billing-limits.json";
import en_billing from "./en/billing.json";
import en_audit from "./en/audit.json";

export const nl = {
  meta: nl_meta,
  common: nl_common,
  nav: nl_nav,
  landing: nl_landing,
  signup: nl_signup,
  legal: nl_legal,
  pricing: nl_pricing,
  auth: nl_auth,
  validation: nl_validation,
  errors: nl_errors,
  dashboard: nl_dashboard,
  card: nl_card,
  join: nl_join,
  outbox: nl_outbox,
  designer: nl_designer,
  share: nl_share,
  poster: nl_poster,
  privacy: nl_privacy,
  tablet: nl_tablet,
  team: nl_team,
  invite: nl_invite,
  pass: nl_pass,
  onboarding: nl_onboarding,
  email: nl_email,
  settings: nl_settings,
  tabletSetup: nl_tabletSetup,
  stampRules: nl_stampRules,
  customerImport: nl_customerImport,
  customers: nl_customers,
  insights: nl_insights,
  insightsOverview: nl_insightsOverview,
  insightsSegments: nl_insightsSegments,
  insightsLoyalty: nl_insightsLoyalty,
  insightsSurveys: nl_insightsSurveys,
  survey: nl_survey,
  insightsStaff: nl_insightsStaff,
  automations: nl_automations,
  webhooks: nl_webhooks,
  apiKeys: nl_apiKeys,
  messages: nl_messages,
  messageEmail: nl_messageEmail,
  referrals: nl_referrals,
  "billing-limits": nl_billingLimits,
  billing: nl_billing,
  audit: nl_audit,
};

export const en = {
  meta: en_meta,
  common: en_common,
  nav: en_nav,
  landing: en_landing,
  signup: en_signup,
  legal: en_legal,
  pricing: en_pricing,
  auth: en_auth,
  validation: en_validation,
  errors: en_errors,
  dashboard: en_dashboard,
  card: en_card,
  join: en_join,
  outbox: en_outbox,
  designer: en_designer,
  share: en_share,
  poster: en_poster,
  privacy: en_privacy,
  tablet: en_tablet,
  team: en_team,
  invite: en_invite,
  pass: en_pass,
  onboarding: en_onboarding,
  email: en_email,
  settings: en_settings,
  tabletSetup: en_tabletSetup,
  stampRules: en_stampRules,
  customerImport: en_customerImport,
  customers: en_customers,
  insights: en_insights,
  insightsOverview: en_insightsOverview,
  insightsSegments: en_insightsSegments,
  insightsLoyalty: en_insightsLoyalty,
  insightsSurveys: en_insightsSurveys,
  survey: en_survey,
  insightsStaff: en_insightsStaff,
  automations: en_automations,
  webhooks: en_webhooks,
  apiKeys: en_apiKeys,
  messages: en_messages,
  messageEmail: en_messageEmail,
  referrals: en_referrals,
  "billing-limits": en_billingLimits,
  billing: en_billing,
  audit: en_audit,
};

export const messages = { nl, en };
export type Messages = typeof nl;
