// What an API key may do (lib/api/routes.ts names one scope per route).
export const API_SCOPES = ["read", "customers:write", "stamp", "redeem", "correct"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
