"use client";
// Dashboard → Klanten → Importeren: upload → columns → check (dry run) → import
// with a progress bar → result. Every step talks to /api/customers/import; the
// server checks everything again, this page only shows what it says.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { IMPORT_FIELDS, type ImportField, type Mapping } from "@/lib/customers/import/fields";

type Upload = { id: string; fileName: string; headers: string[]; guess: Mapping; sample: string[][]; total: number; programs: { id: string; name: string }[] };
type RowError = { row: number; field: ImportField | null; code: string; value?: string };
type PreviewRow = { row: number; values: null | Record<string, string | number | boolean | null>; errors: RowError[] };
type DryRun = { total: number; valid: number; failed: number; existing: number; preview: PreviewRow[]; errors: RowError[]; errorCount: number };
type Progress = { status: string; total: number; processed: number; percent: number; imported: number; updated: number; skipped: number; failed: number };
type Step = "upload" | "map" | "check" | "import" | "result";

const STEPS: Step[] = ["upload", "map", "check", "import", "result"];
const POLL_MS = 1000;
const API = "/api/customers/import";

export function ImportWizard() {
  const t = useTranslations("customerImport");
  const ids = useId();
  const [step, setStep] = useState<Step>("upload");
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [programId, setProgramId] = useState("");
  const [dry, setDry] = useState<DryRun | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** A server answer's message key → our text (unknown keys: the generic message). */
  const problem = async (res: Response) => {
    const body = (await res.json().catch(() => null)) as { error?: string; message?: string; fieldErrors?: Record<string, string[]> } | null;
    const keys = [...Object.values(body?.fieldErrors ?? {}).flat(), body?.message, body?.error];
    const key = keys.find((k) => k && t.has(`errors.${k}`));
    return key ? t(`errors.${key}`) : t("errors.generic");
  };

  async function call<T>(run: () => Promise<Response>, then: (body: T) => void) {
    setBusy(true);
    setError(null);
    try {
      const res = await run();
      if (!res.ok) setError(await problem(res));
      else then((await res.json()) as T);
    } catch {
      setError(t("errors.generic"));
    } finally {
      setBusy(false);
    }
  }

  const sendFile = (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return setError(t("upload.required"));
    void call<Upload>(
      () => fetch(`${API}?name=${encodeURIComponent(file.name)}`, { method: "POST", body: file }),
      (u) => {
        setUpload(u);
        setMapping(u.guess);
        setProgramId(u.programs[0]?.id ?? "");
        setStep("map");
      },
    );
  };

  const runCheck = (e: React.FormEvent) => {
    e.preventDefault();
    if (!upload) return;
    void call<DryRun>(
      () =>
        fetch(`${API}/${upload.id}/dry-run`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ mapping, programId }) }),
      (d) => {
        setDry(d);
        setStep("check");
      },
    );
  };

  const startImport = () => {
    if (!upload) return;
    void call<Progress>(
      () => fetch(`${API}/${upload.id}/start`, { method: "POST" }),
      (p) => {
        setProgress(p);
        setStep("import");
      },
    );
  };

  // The live progress bar: poll until the job is done (or stopped).
  useEffect(() => {
    if (step !== "import" || !upload) return;
    let stop = false;
    const tick = async () => {
      try {
        const res = await fetch(`${API}/${upload.id}`, { cache: "no-store" });
        if (res.ok) {
          const p = (await res.json()) as Progress;
          if (stop) return;
          setProgress(p);
          if (p.status === "DONE" || p.status === "FAILED") return setStep("result");
        }
      } catch {
        // Offline for a moment: the next tick tries again.
      }
      if (!stop) timer = setTimeout(() => void tick(), POLL_MS);
    };
    let timer = setTimeout(() => void tick(), POLL_MS);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [step, upload]);

  const restart = () => {
    setStep("upload");
    setFile(null);
    setUpload(null);
    setDry(null);
    setProgress(null);
    setError(null);
  };

  const errorList = (errors: RowError[], more: number) => (
    <div className="space-y-2">
      {errors.length === 0 ? (
        <p className="text-sm text-stone-600">{t("check.noErrors")}</p>
      ) : (
        <ul className="max-h-64 space-y-1 overflow-y-auto text-sm" data-testid="import-errors">
          {errors.map((e, i) => (
            <li key={i} data-testid="import-error">
              <span className="font-medium">
                {t("check.row")} {e.row}
              </span>
              {e.field ? ` · ${t(`fields.${e.field}`)}` : ""}: {t(`rowErrors.${e.code}`)}
              {e.value ? <span className="text-stone-500"> ({e.value})</span> : null}
            </li>
          ))}
        </ul>
      )}
      {more > 0 && <p className="text-sm text-stone-600">{t("check.moreErrors", { count: more })}</p>}
    </div>
  );

  const download = (failed: number) =>
    upload && failed > 0 ? (
      <a
        href={`${API}/${upload.id}/errors`}
        download
        className="text-sm font-medium text-amber-800 underline-offset-4 hover:underline"
        data-testid="import-error-report"
      >
        {t("check.download")}
      </a>
    ) : null;

  const shown = (v: string | number | boolean | null) =>
    v === null || v === "" ? "—" : typeof v === "boolean" ? t(v ? "check.consentYes" : "check.consentNo") : String(v);

  return (
    <div className="space-y-4" data-testid="import-wizard">
      <ol aria-label={t("steps.label")} className="flex flex-wrap gap-2 text-sm">
        {STEPS.map((s, i) => (
          <li
            key={s}
            aria-current={s === step ? "step" : undefined}
            className={`rounded-full px-3 py-1 ${s === step ? "bg-stone-900 text-white" : "bg-stone-100 text-stone-600"}`}
          >
            {i + 1}. {t(`steps.${s}`)}
          </li>
        ))}
      </ol>

      {error && (
        <Alert tone="error" data-testid="import-alert">
          {error}
        </Alert>
      )}

      {step === "upload" && (
        <Card className="space-y-4 p-6">
          <h2 className="text-lg font-semibold">{t("upload.heading")}</h2>
          <form noValidate onSubmit={sendFile} className="space-y-4">
            <div className="space-y-1">
              <label htmlFor={`${ids}-file`} className="block text-sm font-medium">
                {t("upload.label")}
              </label>
              <input
                id={`${ids}-file`}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby={`${ids}-file-hint`}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-stone-100 file:px-3 file:py-2"
                data-testid="import-file"
              />
              <p id={`${ids}-file-hint`} className="text-sm text-stone-600">
                {t("upload.hint")}
              </p>
            </div>
            <Button type="submit" disabled={busy} aria-busy={busy} data-testid="import-upload">
              {busy ? t("upload.busy") : t("upload.button")}
            </Button>
          </form>
        </Card>
      )}

      {step === "map" && upload && (
        <Card className="space-y-4 p-6">
          <h2 className="text-lg font-semibold">{t("map.heading")}</h2>
          <p className="text-sm text-stone-600">
            {t("map.hint")} {t("map.rows", { count: upload.total, file: upload.fileName })}
          </p>
          {upload.programs.length === 0 ? (
            <Alert tone="info" data-testid="import-no-programs">
              {t("map.noPrograms")}
            </Alert>
          ) : (
            <form noValidate onSubmit={runCheck} className="space-y-4">
              <div className="grid gap-3 sm:grid-cols-2">
                {IMPORT_FIELDS.map((f) => (
                  <div key={f} className="space-y-1">
                    <label htmlFor={`${ids}-${f}`} className="block text-sm font-medium">
                      {t(`fields.${f}`)}
                    </label>
                    <select
                      id={`${ids}-${f}`}
                      value={mapping[f] ?? ""}
                      onChange={(e) => setMapping((m) => ({ ...m, [f]: e.target.value === "" ? undefined : Number(e.target.value) }))}
                      className="h-11 w-full rounded-md border border-stone-300 bg-white px-3"
                      data-testid={`import-map-${f}`}
                    >
                      <option value="">{t("map.notUsed")}</option>
                      {upload.headers.map((h, i) => (
                        <option key={i} value={i}>
                          {h}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
              </div>
              <div className="space-y-1">
                <label htmlFor={`${ids}-program`} className="block text-sm font-medium">
                  {t("map.program")}
                </label>
                <select
                  id={`${ids}-program`}
                  value={programId}
                  onChange={(e) => setProgramId(e.target.value)}
                  aria-describedby={`${ids}-program-hint`}
                  className="h-11 w-full rounded-md border border-stone-300 bg-white px-3"
                  data-testid="import-program"
                >
                  {upload.programs.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
                <p id={`${ids}-program-hint`} className="text-sm text-stone-600">
                  {t("map.programHint")}
                </p>
              </div>
              <details className="text-sm">
                <summary className="cursor-pointer font-medium">{t("map.sample")}</summary>
                <div className="mt-2 overflow-x-auto">
                  <table className="text-left">
                    <thead>
                      <tr>
                        {upload.headers.map((h, i) => (
                          <th key={i} scope="col" className="px-2 py-1 font-semibold">
                            {h}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {upload.sample.map((r, i) => (
                        <tr key={i}>
                          {upload.headers.map((_, j) => (
                            <td key={j} className="px-2 py-1 text-stone-600">
                              {r[j] ?? ""}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
              <Button type="submit" disabled={busy} aria-busy={busy} data-testid="import-check">
                {busy ? t("map.busy") : t("map.button")}
              </Button>
            </form>
          )}
        </Card>
      )}

      {step === "check" && dry && (
        <Card className="space-y-4 p-6">
          <h2 className="text-lg font-semibold">{t("check.heading")}</h2>
          <p data-testid="import-summary">{t("check.summary", { valid: dry.valid, failed: dry.failed })}</p>
          {dry.existing > 0 && <p className="text-sm text-stone-600">{t("check.existing", { count: dry.existing })}</p>}
          <h3 className="font-semibold">{t("check.preview")}</h3>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="import-preview">
              <thead className="border-b border-stone-200">
                <tr>
                  <th scope="col" className="px-2 py-1">
                    {t("check.row")}
                  </th>
                  {IMPORT_FIELDS.filter((f) => mapping[f] !== undefined).map((f) => (
                    <th key={f} scope="col" className="px-2 py-1">
                      {t(`fields.${f}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {dry.preview.map((r) => (
                  <tr key={r.row} className={r.values ? "" : "text-red-800"}>
                    <th scope="row" className="px-2 py-1 font-normal">
                      {r.row}
                    </th>
                    {r.values ? (
                      IMPORT_FIELDS.filter((f) => mapping[f] !== undefined).map((f) => (
                        <td key={f} className="px-2 py-1">
                          {shown(r.values![f] ?? null)}
                        </td>
                      ))
                    ) : (
                      <td colSpan={IMPORT_FIELDS.filter((f) => mapping[f] !== undefined).length} className="px-2 py-1">
                        {t("check.rowHasErrors")}: {r.errors.map((e) => t(`rowErrors.${e.code}`)).join(", ")}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 className="font-semibold">{t("check.errorsHeading")}</h3>
          {errorList(dry.errors, dry.errorCount - dry.errors.length)}
          {download(dry.failed)}
          {dry.valid === 0 && <Alert tone="info">{t("check.nothingToImport")}</Alert>}
          <div className="flex flex-wrap gap-3">
            <Button type="button" onClick={startImport} disabled={busy || dry.valid === 0} aria-busy={busy} data-testid="import-start">
              {t("check.start", { count: dry.valid })}
            </Button>
            <Button type="button" variant="outline" onClick={() => setStep("map")} disabled={busy}>
              {t("check.back")}
            </Button>
          </div>
        </Card>
      )}

      {step === "import" && progress && (
        <Card className="space-y-4 p-6">
          <h2 className="text-lg font-semibold">{t("progress.heading")}</h2>
          <div
            role="progressbar"
            aria-label={t("progress.label")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress.percent}
            className="h-3 w-full overflow-hidden rounded-full bg-stone-100"
            data-testid="import-progress"
          >
            <div className="h-full bg-amber-500 transition-all" style={{ width: `${progress.percent}%` }} />
          </div>
          <p className="text-sm text-stone-600" aria-live="polite">
            {progress.percent}% · {t("progress.counts", { processed: progress.processed, total: progress.total })}
          </p>
          <p className="text-sm text-stone-600">{t("progress.canLeave")}</p>
        </Card>
      )}

      {step === "result" && progress && (
        <Card className="space-y-4 p-6" data-testid="import-result">
          {progress.status === "FAILED" ? (
            <>
              <h2 className="text-lg font-semibold">{t("result.failedHeading")}</h2>
              <p>{t("result.failedBody")}</p>
              <Button type="button" onClick={startImport} disabled={busy}>
                {t("result.retry")}
              </Button>
            </>
          ) : (
            <h2 className="text-lg font-semibold">{t("result.heading")}</h2>
          )}
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
            {(["imported", "updated", "skipped", "failed"] as const).map((k) => (
              <div key={k} className="rounded-lg bg-stone-50 p-3">
                <dt className="text-stone-600">{t(`result.${k}`)}</dt>
                <dd className="text-2xl font-bold tabular-nums" data-testid={`import-result-${k}`}>
                  {progress[k]}
                </dd>
              </div>
            ))}
          </dl>
          <p className="text-sm text-stone-600">{t("result.noMarketing")}</p>
          {download(progress.failed)}
          <div className="flex flex-wrap gap-3">
            <Button asChild>
              <Link href="/dashboard/customers">{t("result.toCustomers")}</Link>
            </Button>
            <Button type="button" variant="outline" onClick={restart}>
              {t("result.another")}
            </Button>
          </div>
        </Card>
      )}
    </div>
  );
}
