import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { authenticate } from "./authenticate";
import { clientIp } from "./client-ip";

export const authOptions: NextAuthOptions = {
  secret: env().NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        try {
          const user = await authenticate(credentials, { ip: clientIp((n) => headers[n]) });
          return user ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null;
        } catch (e) {
          // The message becomes `error` in the client's signIn() result.
          if (e instanceof AppError && e.code === "RATE_LIMITED") throw new Error("RATE_LIMITED");
          logger.error({ err: e }, "sign-in failed");
          throw new Error("INTERNAL");
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) Object.assign(session.user, { id: token.uid as string, sv: (token.sv as number | undefined) ?? 0 });
      return session;
    },
  },
};
