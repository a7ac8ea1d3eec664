"use client";
// Labels and the free-text note (F's lib/customers/tags.ts), for managers and owners.
import { useTranslations } from "next-intl";
import { addTagAction, removeTagAction, setNoteAction } from "@/app/actions/customers";
import { Button } from "@/components/ui/button";
import { NoteInput, TagInput } from "@/lib/validation/customers";
import { Said, TextArea, TextField } from "./fields";
import { useCustomerForm } from "./use-customer-form";
import { z } from "zod";

const TagForm = z.object({ tag: TagInput });
const NoteForm = z.object({ note: NoteInput });

export function TagsAndNote({ customerId, tags, note, canEdit }: { customerId: string; tags: string[]; note: string | null; canEdit: boolean }) {
  const t = useTranslations("customers.tags");
  const add = useCustomerForm({ schema: TagForm, action: (v: { tag: string }) => addTagAction(customerId, v.tag), fields: ["tag"] });
  const remove = useCustomerForm({ action: (tag: string) => removeTagAction(customerId, tag) });
  const saveNote = useCustomerForm({
    schema: NoteForm,
    action: (v: { note: string }) => setNoteAction(customerId, v.note),
    fields: ["note"],
    success: () => t("noteSaved"),
  });
  return (
    <div className="space-y-4">
      <ul className="flex flex-wrap gap-2" data-testid="customer-tags">
        {tags.length === 0 && <li className="text-sm text-stone-500">{t("none")}</li>}
        {tags.map((tag) => (
          <li key={tag} className="inline-flex items-center gap-1 rounded-full bg-amber-100 px-3 py-1 text-sm text-amber-900">
            {tag}
            {canEdit && (
              <button
                type="button"
                className="ml-1 rounded-full px-1 hover:bg-amber-200"
                aria-label={t("remove", { tag })}
                disabled={remove.pending}
                onClick={() => remove.submit(tag)}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <Said message={remove.message} />
      {canEdit && (
        <form
          noValidate
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            add.submit(Object.fromEntries(new FormData(form)), () => form.reset());
          }}
        >
          <div className="min-w-48 flex-1">
            <TextField idPrefix="tags" name="tag" label={t("label")} errors={add.fieldErrors.tag} maxLength={40} data-testid="customer-tag-input" />
          </div>
          <Button type="submit" variant="outline" disabled={add.pending} data-testid="customer-tag-add">
            {t("add")}
          </Button>
        </form>
      )}
      <Said message={add.message} />
      {canEdit ? (
        <form
          noValidate
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            saveNote.submit(Object.fromEntries(new FormData(e.currentTarget)));
          }}
        >
          <TextArea
            idPrefix="tags"
            name="note"
            label={t("note")}
            hint={t("noteHint")}
            defaultValue={note ?? ""}
            errors={saveNote.fieldErrors.note}
            maxLength={2000}
            data-testid="customer-note"
          />
          <Said message={saveNote.message} />
          <Button type="submit" variant="outline" disabled={saveNote.pending} data-testid="customer-note-save">
            {t("saveNote")}
          </Button>
        </form>
      ) : (
        note && <p className="whitespace-pre-wrap text-sm text-stone-700">{note}</p>
      )}
    </div>
  );
}
