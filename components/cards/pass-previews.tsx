// The pass in Apple Wallet (store card) and Google Wallet (loyalty card), for the
// designer's live preview. Both draw the neutral pass view (lib/wallet/pass-view.ts)
// that the real pass.json and LoyaltyObject are built from, in each wallet's own
// layout: the same fields, the same strip (rendered by /api/strip), a real QR code
// of the same message. tests/unit/pass-preview.test.ts keeps them equal.
import { useTranslations } from "next-intl";
import { stripUrl } from "@/lib/images/strip-url";
import { googleLayout, type PassField, type PassView } from "@/lib/wallet/pass-view";
import { QrCode } from "./qr-code";

const fileUrl = (key: string) => `/api/files/${key}@2x.png`;

/** One field: label over value, marked with its area and key (the parity test reads these). */
function Field({
  area,
  field,
  label,
  className,
  valueClassName,
}: {
  area: string;
  field: PassField;
  label: string;
  className?: string;
  valueClassName?: string;
}) {
  return (
    <div data-area={area} data-field={field.key} className={className}>
      <p className="text-[10px] font-medium uppercase leading-tight" style={{ color: label }}>
        {field.label}
      </p>
      <p className={valueClassName ?? "whitespace-pre-line break-words text-sm leading-snug"}>{field.value}</p>
    </div>
  );
}

function Back({ title, area, fields, label }: { title: string; area: string; fields: PassField[]; label: string }) {
  return (
    <details className="mt-2 rounded-xl border border-stone-200 bg-white p-3 text-stone-900">
      <summary className="cursor-pointer text-sm font-medium">{title}</summary>
      <div className="mt-2 space-y-2">
        {fields.map((f) => (
          <Field key={f.key} area={area} field={f} label={label} />
        ))}
      </div>
    </details>
  );
}

export function ApplePassPreview({ view }: { view: PassView }) {
  const t = useTranslations("designer");
  const c = view.colors;
  return (
    <figure className="w-full max-w-[320px]" data-testid="preview-apple">
      <figcaption className="mb-2 text-sm font-medium text-stone-600">{t("previewApple")}</figcaption>
      <div className="overflow-hidden rounded-2xl shadow-lg" style={{ backgroundColor: c.background, color: c.foreground }}>
        <div className="flex min-h-12 items-center justify-between gap-2 px-3 py-2">
          {view.logoKey ? (
            <img src={fileUrl(view.logoKey)} alt="" className="h-8 min-w-0 max-w-[60%] object-contain object-left" />
          ) : (
            <span className="truncate font-semibold">{view.logoText}</span>
          )}
          <div className="flex shrink-0 gap-3 text-right">
            {view.header.map((f) => (
              <Field key={f.key} area="header" field={f} label={c.label} valueClassName="text-base font-semibold leading-tight" />
            ))}
          </div>
        </div>
        <div className="relative">
          <img src={stripUrl(view.strip, view.strip.filled)} alt="" className="block aspect-[375/144] w-full" />
          <div className="absolute inset-x-0 top-0 flex gap-4 px-3 py-2">
            {view.primary.map((f) => (
              <Field key={f.key} area="primary" field={f} label={c.label} valueClassName="text-3xl font-light leading-tight drop-shadow" />
            ))}
          </div>
        </div>
        {/* Store cards show secondary and auxiliary fields in one row. */}
        <div className="grid auto-cols-fr grid-flow-col gap-2 px-3 py-3">
          {view.secondary.map((f) => (
            <Field key={f.key} area="secondary" field={f} label={c.label} />
          ))}
          {view.auxiliary.map((f) => (
            <Field key={f.key} area="auxiliary" field={f} label={c.label} />
          ))}
        </div>
        <div className="flex justify-center pb-4">
          <div className="rounded-md bg-white px-2 pb-1 pt-2 text-center text-black">
            <QrCode message={view.barcode.message} className="mx-auto size-28" label={t("previewQr")} />
            <p className="font-mono text-[10px]" data-testid="preview-apple-alt">
              {view.barcode.altText}
            </p>
          </div>
        </div>
      </div>
      <Back title={t("previewBack")} area="back" fields={view.back} label="#57534e" />
    </figure>
  );
}

export function GooglePassPreview({ view }: { view: PassView }) {
  const t = useTranslations("designer");
  const g = googleLayout(view);
  const c = view.colors;
  return (
    <figure className="w-full max-w-[320px]" data-testid="preview-google">
      <figcaption className="mb-2 text-sm font-medium text-stone-600">{t("previewGoogle")}</figcaption>
      <div className="overflow-hidden rounded-3xl shadow-lg" style={{ backgroundColor: c.background, color: c.foreground }}>
        <div className="flex items-center gap-2 px-4 pt-4">
          {/* Google shows the program logo in a circle. */}
          <span className="flex size-9 shrink-0 items-center justify-center overflow-hidden rounded-full bg-white text-xs font-bold text-stone-900">
            {view.logoKey ? <img src={fileUrl(view.logoKey)} alt="" className="size-full object-contain" /> : g.issuerName.slice(0, 1)}
          </span>
          <span className="truncate text-sm" data-field="issuerName">
            {g.issuerName}
          </span>
        </div>
        <p className="px-4 pt-3 text-xl font-medium" data-field="programName">
          {g.programName}
        </p>
        <p className="px-4 text-sm opacity-80" data-field="accountName">
          {g.accountName}
        </p>
        <div className="grid grid-cols-2 gap-3 px-4 py-3">
          <Field area="google-points" field={g.points} label={c.foreground} valueClassName="text-lg font-medium" />
          <Field area="google-points" field={g.secondaryPoints} label={c.foreground} valueClassName="text-base font-medium leading-snug" />
        </div>
        <div className="flex justify-center pb-4">
          <div className="rounded-xl bg-white px-2 pb-1 pt-2 text-center text-black">
            <QrCode message={view.barcode.message} className="mx-auto size-28" label={t("previewQr")} />
            <p className="font-mono text-[10px]">{view.barcode.altText}</p>
          </div>
        </div>
        <img src={stripUrl(view.strip, view.strip.filled)} alt="" className="block aspect-[375/144] w-full" />
      </div>
      <Back title={t("previewDetails")} area="google-details" fields={[...g.modules, ...g.links]} label="#57534e" />
    </figure>
  );
}
