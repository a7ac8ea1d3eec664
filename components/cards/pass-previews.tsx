// Look-alikes of the pass in Apple Wallet (store card) and Google Wallet
// (loyalty class), for the designer's live preview. The strip image is the
// real one, rendered by /api/strip exactly as the wallet pass will carry it.
import { useTranslations } from "next-intl";
import { stripUrl, type CardDesign } from "./design";

export function ApplePassPreview({ design, filled }: { design: CardDesign; filled: number }) {
  const t = useTranslations("designer");
  return (
    <figure className="w-full max-w-[320px]" data-testid="preview-apple">
      <figcaption className="mb-2 text-sm font-medium text-stone-600">{t("previewApple")}</figcaption>
      <div className="overflow-hidden rounded-2xl shadow-lg" style={{ backgroundColor: design.backgroundColor, color: design.foregroundColor }}>
        <div className="flex items-center justify-between gap-2 px-3 py-2.5">
          {design.logoUrl ? (
            <img src={design.logoUrl} alt="" className="h-7 max-w-[110px] object-contain" />
          ) : (
            <span className="font-semibold">{design.merchantName}</span>
          )}
          <span className="text-right text-[10px] uppercase leading-tight" style={{ color: design.labelColor }}>
            {t("stampsLabel")}
            <span className="block text-base font-semibold" style={{ color: design.foregroundColor }}>
              {filled}/{design.stampsRequired}
            </span>
          </span>
        </div>
        <img src={design.stripUrl ?? stripUrl(design, filled)} alt="" className="block aspect-[375/144] w-full" />
        <div className="grid grid-cols-2 gap-2 px-3 py-3 text-sm">
          <div>
            <p className="text-[10px] uppercase" style={{ color: design.labelColor }}>
              {t("rewardLabel")}
            </p>
            <p className="font-medium">{design.rewardText}</p>
          </div>
          <div>
            <p className="text-[10px] uppercase" style={{ color: design.labelColor }}>
              {t("cardLabel")}
            </p>
            <p className="font-medium">{design.name}</p>
          </div>
        </div>
        <div className="flex justify-center pb-4">
          <div className="size-20 rounded bg-white p-1.5">
            <div className="size-full bg-[repeating-linear-gradient(90deg,#000_0_3px,#fff_3px_5px)]" aria-hidden />
          </div>
        </div>
      </div>
    </figure>
  );
}

export function GooglePassPreview({ design, filled }: { design: CardDesign; filled: number }) {
  const t = useTranslations("designer");
  return (
    <figure className="w-full max-w-[320px]" data-testid="preview-google">
      <figcaption className="mb-2 text-sm font-medium text-stone-600">{t("previewGoogle")}</figcaption>
      <div className="overflow-hidden rounded-3xl shadow-lg" style={{ backgroundColor: design.backgroundColor, color: design.foregroundColor }}>
        <div className="flex items-center gap-2 px-4 pt-4">
          <span className="flex size-8 items-center justify-center overflow-hidden rounded-full bg-white/90 text-xs font-bold text-stone-900">
            {design.logoUrl ? <img src={design.logoUrl} alt="" className="size-full object-contain" /> : design.merchantName.slice(0, 1)}
          </span>
          <span className="text-sm">{design.merchantName}</span>
        </div>
        <p className="px-4 pb-2 pt-3 text-xl font-medium">{design.name}</p>
        <div className="grid grid-cols-2 gap-2 px-4 pb-4 text-sm">
          <div>
            <p className="text-xs opacity-80">{t("stampsLabel")}</p>
            <p className="font-medium">
              {filled}/{design.stampsRequired}
            </p>
          </div>
          <div>
            <p className="text-xs opacity-80">{t("rewardLabel")}</p>
            <p className="font-medium">{design.rewardText}</p>
          </div>
        </div>
        <img src={design.stripUrl ?? stripUrl(design, filled)} alt="" className="block aspect-[375/144] w-full" />
      </div>
    </figure>
  );
}
