// STUB (replaced by the channels helper): the SMS channel.
/** Whether an SMS provider is configured (SMS_URL …); off otherwise. */
export function smsConfigured(): boolean {
  return false;
}

/** Sends one SMS; resolves with the provider's message id, throws on refusal. */
export async function sendSms(_to: string, _text: string): Promise<{ id: string }> {
  throw new Error("SMS is not configured");
}
