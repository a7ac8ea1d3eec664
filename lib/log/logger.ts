import pino from "pino";
import { envVar } from "@/lib/env";

// Structured JSON logs; one line per event, request details as fields.
export const logger = pino({
  level: envVar("LOG_LEVEL") ?? (envVar("NODE_ENV") === "test" ? "silent" : "info"),
  base: { app: "stempel" },
  redact: ["password", "*.password", "passwordHash", "*.passwordHash", "token", "*.token"],
});
