"use client";
// On the customer list (Klanten): "Stuur een bericht aan deze lijst", "Bewaar
// dit filter" under a name, and the saved filters (a click applies one;
// delete, with undo). The list's filter lives in its URL (`query`).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { deleteFilterAction, saveFilterAction } from "@/app/actions/messages";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { messageListHref } from "./compose";

export type SavedFilterLink = { id: string; name: string; query: string };

export function ListMessageActions({ query, filtered, saved }: { query: string; filtered: boolean; saved: SavedFilterLink[] }) {
  const t = useTranslations("messages.savedFilters");
  const tAll = useTranslations();
  const router = useRouter();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [removed, setRemoved] = useState<SavedFilterLink | null>(null);
  const [pending, start] = useTransition();

  const errorText = (result: { error: string; fieldErrors?: Record<string, string[]> }) => {
    const key = result.fieldErrors?.name?.[0] ?? result.error.replace(/^(validation|errors)\./, "");
    return tAll.has(`messages.errors.${key}`) ? tAll(`messages.errors.${key}`) : tAll("messages.errors.INTERNAL");
  };

  function save(event: React.FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError(tAll("messages.errors.filterNameRequired"));
    start(async () => {
      try {
        const result = await saveFilterAction({ name, query });
        if (!result.ok) return setError(errorText(result));
        setError(null);
        setNaming(false);
        setNotice(t("saved", { name: name.trim() }));
        setName("");
        router.refresh();
      } catch {
        setError(tAll("messages.errors.INTERNAL"));
      }
    });
  }

  function remove(filter: SavedFilterLink) {
    start(async () => {
      try {
        const result = await deleteFilterAction(filter.id);
        if (!result.ok) return setNotice(errorText(result));
        setRemoved(filter);
        setNotice(null);
        router.refresh();
      } catch {
        setNotice(tAll("messages.errors.INTERNAL"));
      }
    });
  }

  function undo() {
    if (!removed) return;
    const back = removed;
    start(async () => {
      try {
        const result = await saveFilterAction({ name: back.name, query: back.query });
        if (!result.ok) return setNotice(errorText(result));
        setRemoved(null);
        router.refresh();
      } catch {
        setNotice(tAll("messages.errors.INTERNAL"));
      }
    });
  }

  return (
    <div className="space-y-3" data-testid="list-message-actions">
      <div className="flex flex-wrap items-center gap-2">
        <Button asChild variant="outline">
          <Link href={messageListHref(query)} data-testid="customer-list-message">
            {filtered ? t("messageList") : t("messageAll")}
          </Link>
        </Button>
        {filtered && !naming && (
          <Button type="button" variant="ghost" onClick={() => (setNaming(true), setNotice(null))} data-testid="saved-filter-open">
            {t("save")}
          </Button>
        )}
      </div>

      {naming && (
        <form onSubmit={save} noValidate className="flex flex-wrap items-end gap-2" data-testid="saved-filter-form">
          <div className="min-w-56 flex-1 space-y-1.5 sm:max-w-sm">
            <Label htmlFor="saved-filter-name">{t("nameLabel")}</Label>
            <Input
              id="saved-filter-name"
              value={name}
              maxLength={60}
              autoFocus
              placeholder={t("namePlaceholder")}
              onChange={(e) => (setName(e.target.value), setError(null))}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "saved-filter-error" : undefined}
              data-testid="saved-filter-name"
            />
          </div>
          <Button type="submit" disabled={pending} data-testid="saved-filter-save">
            {pending ? tAll("common.loading") : t("saveButton")}
          </Button>
          <Button type="button" variant="ghost" onClick={() => (setNaming(false), setError(null))}>
            {t("cancel")}
          </Button>
          {error && (
            <p id="saved-filter-error" className="w-full text-sm text-red-700" role="alert" data-testid="saved-filter-error">
              {error}
            </p>
          )}
        </form>
      )}

      {notice && (
        <p className="text-sm text-emerald-700" role="status" data-testid="saved-filter-notice">
          {notice}
        </p>
      )}
      {removed && (
        <p className="flex flex-wrap items-center gap-2 text-sm" role="status" data-testid="saved-filter-removed">
          {t("removed", { name: removed.name })}
          <Button type="button" variant="link" onClick={undo} disabled={pending} data-testid="saved-filter-undo">
            {t("undo")}
          </Button>
        </p>
      )}

      {saved.length > 0 && (
        <div className="flex flex-wrap items-center gap-2" data-testid="saved-filters">
          <span className="text-sm text-stone-600">{t("listLabel")}</span>
          {saved.map((f) => (
            <span key={f.id} className="inline-flex items-center rounded-full border border-stone-300 bg-white text-sm" data-testid="saved-filter">
              <Link
                href={f.query ? `/dashboard/customers?${f.query}` : "/dashboard/customers"}
                className="min-h-9 rounded-l-full px-3 py-1.5 hover:bg-stone-50"
                data-testid="saved-filter-apply"
              >
                {f.name}
              </Link>
              <button
                type="button"
                onClick={() => remove(f)}
                disabled={pending}
                aria-label={t("delete", { name: f.name })}
                className="min-h-9 rounded-r-full border-l border-stone-200 px-2.5 text-stone-500 hover:bg-stone-50 hover:text-red-700"
                data-testid="saved-filter-delete"
              >
                ×
              </button>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
