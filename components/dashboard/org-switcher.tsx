"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { switchOrganizationAction } from "@/app/actions/preferences";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { SwitchOrganizationRequest } from "@/lib/validation/auth";

type Org = { id: string; name: string };

export function OrgSwitcher({ current, organizations }: { current: Org; organizations: Org[] }) {
  const t = useTranslations("dashboard");
  const router = useRouter();
  const f = useActionForm({ schema: SwitchOrganizationRequest, action: switchOrganizationAction, onSuccess: () => router.refresh() });
  if (organizations.length < 2) return <span className="font-semibold text-stone-900">{current.name}</span>;
  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          className="inline-flex min-h-10 items-center gap-2 rounded-lg border border-stone-300 px-3 font-semibold"
          aria-label={t("switchOrg")}
          disabled={f.pending}
        >
          {current.name} <span aria-hidden>▾</span>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="z-50 min-w-52 rounded-lg border border-stone-200 bg-white p-1 shadow-lg" sideOffset={4}>
            <DropdownMenu.Label className="px-2 py-1.5 text-xs text-stone-500">{t("switchOrg")}</DropdownMenu.Label>
            {organizations.map((org) => (
              <DropdownMenu.Item
                key={org.id}
                className="cursor-pointer rounded-md px-2 py-2 outline-none data-[highlighted]:bg-stone-100"
                onSelect={() => f.submit({ organizationId: org.id })}
              >
                {org.id === current.id ? "✓ " : ""}
                {org.name}
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <FormMessage inline message={f.message} />
    </>
  );
}
