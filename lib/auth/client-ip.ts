/** Best-effort client IP for rate limiting (first X-Forwarded-For hop, set by the proxy in front). */
export function clientIp(get: (name: string) => string | null | undefined): string {
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || get("x-real-ip") || "local";
}
