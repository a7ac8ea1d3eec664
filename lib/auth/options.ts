import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { authenticate } from "./authenticate";
import { clientIp } from "./client-ip";
import { createSession, endSession } from "./sessions";

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
          if (!user) return null;
          // A UserSession row per sign-in (Instellingen → Account lists and ends them): its id rides in the JWT.
          const sessionId = await createSession(user.id, { ip: clientIp((n) => headers[n]), userAgent: headers["user-agent"] });
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sessionId };
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
        token.sid = (user as { sessionId?: string }).sessionId;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user)
        Object.assign(session.user, { id: token.uid as string, sv: (token.sv as number | undefined) ?? 0, sid: token.sid as string | undefined });
      return session;
    },
  },
  events: {
    // Signing out ends the session's row too.
    async signOut({ token }) {
      if (typeof token?.uid === "string" && typeof token.sid === "string") await endSession(token.uid, token.sid);
    },
  },
};
