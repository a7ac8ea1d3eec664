import pino from "pino";

// Structured JSON logs; one line per event, request details as fields.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { app: "stempel" },
  redact: ["password", "*.password", "passwordHash", "*.passwordHash", "token", "*.token"],
});
