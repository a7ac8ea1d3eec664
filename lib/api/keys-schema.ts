// The new-key form's schema: used by the browser form and again by the server (./keys.ts).
import { z } from "zod";
import { API_SCOPES } from "./scopes";

export const CreateApiKeyRequest = z.object({
  name: z.string().trim().min(1, "nameRequired").max(60, "nameTooLong"),
  scopes: z.array(z.enum(API_SCOPES, { message: "scopeInvalid" })).min(1, "scopesRequired"),
});
