import { appUrl } from "@/lib/env";
import { ENROLLMENT_SOURCES } from "@/lib/validation/programs";

export type EnrollmentSource = (typeof ENROLLMENT_SOURCES)[number];

/** The public sign-up URL for a program, tagged with where the QR hangs. */
export function enrollmentUrl(programId: string, source: EnrollmentSource): string {
  return `${appUrl()}/join/${programId}?s=${source.toLowerCase()}`;
}
