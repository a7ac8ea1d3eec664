import pino, { type DestinationStream, type Logger } from "pino";
import { envVar } from "@/lib/env";
import { currentRequestId } from "./request-context";

// Structured JSON logs; one line per event, request details as fields. Every
// line written while a request or job runs carries its `requestId`
// (./request-context.ts): request → job → delivery can be followed by one id.
export function createLogger(destination?: DestinationStream, level?: string): Logger {
  return pino(
    {
      level: level ?? envVar("LOG_LEVEL") ?? (envVar("NODE_ENV") === "test" ? "silent" : "info"),
      base: { app: "stempel" },
      redact: ["password", "*.password", "passwordHash", "*.passwordHash", "token", "*.token"],
      // A new object each time: pino merges the line's fields into it.
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}

export const logger = createLogger();
