// Inputs of the PassKit web service (Apple's protocol). Anything else is a 4xx.
import { z } from "zod";
import { Serial } from "./serial";

export const DeviceLibraryId = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/);
export const PassTypeId = z.string().regex(/^[A-Za-z0-9.-]{1,128}$/);
/** Our card serials exactly as issued: Apple sends back what the pass holds. */
export const CardSerial = Serial;
export const RegistrationBody = z.object({ pushToken: z.string().regex(/^[A-Za-z0-9]{16,200}$/) });
/** The tag we hand out in `lastUpdated`: seconds since the epoch. */
export const UpdatedSince = z
  .string()
  .regex(/^\d{1,12}$/)
  .transform(Number)
  .optional();
export const DeviceLogBody = z.object({ logs: z.array(z.string()).max(500) });
/** `Authorization: ApplePass <authenticationToken>`. */
export const ApplePassAuth = z
  .string()
  .regex(/^ApplePass [A-Za-z0-9_-]{16,200}$/)
  .transform((h) => h.slice("ApplePass ".length));
