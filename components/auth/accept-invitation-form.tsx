"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { acceptInvitationAction } from "@/app/actions/team";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { NewPasswordField } from "./new-password-field";

// What the accept form sends (the server parses it again).
type AcceptInput = { token: string; name?: string; password?: string };

/** Accepting an invitation: a new person sets their name and password; an existing account signs in first. */
export function AcceptInvitationForm({
  token,
  email,
  needsAccount,
  signedInAsInvitee,
}: {
  token: string;
  email: string;
  needsAccount: boolean;
  signedInAsInvitee: boolean;
}) {
  const t = useTranslations();
  const router = useRouter();
  // The hidden token has no field of its own: its error (an old link) is the form's message.
  const f = useActionForm({
    action: (input: AcceptInput) => acceptInvitationAction(input),
    fields: ["name", "password"],
    onSuccess: async (_data, input) => {
      if (needsAccount) await signIn("credentials", { email, password: input.password, redirect: false });
      router.push("/dashboard");
      router.refresh();
    },
  });
  if (!needsAccount && !signedInAsInvitee) {
    return (
      <Button asChild className="w-full">
        <a href={`/signin?next=/invite/${token}`}>{t("invite.signInToAccept")}</a>
      </Button>
    );
  }
  return (
    <form
      onSubmit={f.onSubmit}
      onChange={(ev) => ev.target instanceof HTMLInputElement && f.clearFieldError(ev.target.name)}
      className="space-y-4"
      noValidate
      aria-busy={f.pending}
    >
      <FormMessage message={f.message} />
      <input type="hidden" name="token" value={token} />
      {needsAccount && (
        <>
          <Field name="name" label={t("auth.name")} autoComplete="name" required errors={f.fieldErrors.name} />
          <NewPasswordField errors={f.fieldErrors.password} />
        </>
      )}
      <Button type="submit" variant="accent" size="lg" className="w-full" disabled={f.pending}>
        {f.pending ? t("common.loading") : t("invite.accept")}
      </Button>
    </form>
  );
}
