/**
 * Importing a file into my address book: choose it → see what it is read as
 * (for a CSV, which column holds what, guessed and mine to change) with the
 * first people and what the import will do → import → the report: new,
 * added to people I have, already there, left out with the line and why.
 * Nothing is written before "Import"; a file that cannot be read says which
 * line failed.
 */
import { createSignal, For, Show } from "solid-js"
import { ApiError, postForm } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Dialog } from "../../ui/Dialog.js"
import { FormError } from "../../ui/Field.js"
import { useErrorText } from "../../ui/States.js"

const ONE = [
  "name",
  "firstName",
  "lastName",
  "company",
  "position",
  "categories",
  "connectedAt",
] as const
const MANY = ["emails", "phones", "urls"] as const
type Mapping = Partial<
  Record<(typeof ONE)[number], string> & Record<(typeof MANY)[number], string[]>
>

interface Report {
  readonly created: number
  readonly merged: number
  readonly unchanged: number
  readonly skipped: readonly { readonly line: number; readonly reason: string }[]
}
interface Preview {
  readonly format: "linkedin" | "vcard" | "csv"
  readonly columns: readonly string[] | null
  readonly suggestedMapping: Mapping | null
  readonly people: number | null
  readonly sample: readonly {
    readonly line: number
    readonly displayName: string
    readonly emails: readonly string[]
    readonly company: string | null
    readonly position: string | null
  }[]
  readonly report: Report | null
}

const formOf = (file: File, mapping: Mapping | null) => {
  const form = new FormData()
  form.set("file", file)
  if (mapping !== null) form.set("mapping", JSON.stringify(mapping))
  return form
}

export const ImportDialog = (props: {
  open: boolean
  onClose: () => void
  onImported: () => void
}) => {
  const { t } = useI18n()
  const errorText = useErrorText()
  // A file that cannot be read: which line, so that it can be found and mended.
  const failure = (e: unknown) => {
    const line = e instanceof ApiError ? /\d+/.exec(e.errors[0]?.path ?? "")?.[0] : undefined
    return line === undefined ? errorText(e) : `${errorText(e)} ${t("importFile.line", { line })}.`
  }
  const [file, setFile] = createSignal<File | null>(null)
  const [preview, setPreview] = createSignal<Preview | null>(null)
  const [mapping, setMapping] = createSignal<Mapping | null>(null)
  const [done, setDone] = createSignal<Report | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  const look = async (f: File, m: Mapping | null) => {
    setBusy(true)
    setError(null)
    try {
      const p = await postForm<Preview>("/v1/imports/preview", formOf(f, m))
      setPreview(p)
      // A CSV read for the first time: the guessed mapping, shown with what it reads.
      if (p.format === "csv" && m === null && p.suggestedMapping !== null) {
        setMapping(p.suggestedMapping)
        await look(f, p.suggestedMapping)
      }
    } catch (e) {
      setPreview(null)
      setError(failure(e))
    } finally {
      setBusy(false)
    }
  }
  const choose = (f: File | undefined) => {
    setDone(null)
    setMapping(null)
    setPreview(null)
    setFile(f ?? null)
    if (f !== undefined) void look(f, null)
  }
  const remap = (next: Mapping) => {
    setMapping(next)
    const f = file()
    const valid =
      next.name !== undefined || next.firstName !== undefined || next.lastName !== undefined
    if (f !== null && valid) void look(f, next)
  }
  const setOne = (field: (typeof ONE)[number], column: string) => {
    const { [field]: _, ...rest } = mapping() ?? {}
    remap(column === "" ? rest : { ...rest, [field]: column })
  }
  const setMany = (field: (typeof MANY)[number], columns: string[]) => {
    const { [field]: _, ...rest } = mapping() ?? {}
    remap(columns.length === 0 ? rest : { ...rest, [field]: columns })
  }
  const start = async () => {
    const f = file()
    if (f === null) return
    setBusy(true)
    setError(null)
    try {
      const p = preview()
      setDone(
        await postForm<Report>("/v1/imports", formOf(f, p?.format === "csv" ? mapping() : null)),
      )
      props.onImported()
    } catch (e) {
      setError(failure(e))
    } finally {
      setBusy(false)
    }
  }
  const close = () => {
    choose(undefined)
    props.onClose()
  }

  const Summary = (p: { report: Report }) => (
    <ul class="report">
      <li>{t("importFile.willCreate", { n: String(p.report.created) })}</li>
      <li>{t("importFile.willMerge", { n: String(p.report.merged) })}</li>
      <li>{t("importFile.willKeep", { n: String(p.report.unchanged) })}</li>
      <li>
        {t("importFile.willSkip", { n: String(p.report.skipped.length) })}
        <Show when={p.report.skipped.length > 0}>
          <ul>
            <For each={p.report.skipped.slice(0, 20)}>
              {(s) => (
                <li class="muted">
                  {t("importFile.line", { line: String(s.line) })}:{" "}
                  {t(`importFile.reason.${s.reason}` as "importFile.reason.noName")}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </li>
    </ul>
  )

  return (
    <Dialog open={props.open} title={t("importFile.title")} onClose={close}>
      <Show
        when={done()}
        fallback={
          <>
            <label class="field">
              {t("importFile.choose")}
              <input
                type="file"
                name="file"
                accept=".csv,.vcf,.vcard,text/csv,text/vcard"
                onChange={(e) => choose(e.currentTarget.files?.[0])}
              />
              <span class="hint">{t("importFile.chooseHint")}</span>
            </label>
            <Show when={busy()}>
              <p class="muted" role="status">
                {t("importFile.reading")}
              </p>
            </Show>
            <Show when={preview()}>
              {(p) => (
                <>
                  <p>
                    <strong>{t(`importFile.format.${p().format}`)}</strong>
                  </p>
                  <Show when={p().people !== null}>
                    <p>{t("importFile.people", { n: String(p().people ?? 0) })}</p>
                  </Show>
                  <Show when={p().columns}>
                    {(columns) => (
                      <fieldset class="mapping">
                        <legend>{t("importFile.column")}</legend>
                        <For each={ONE}>
                          {(field) => (
                            <label>
                              {t(`importFile.field.${field}`)}
                              <select
                                value={mapping()?.[field] ?? ""}
                                onChange={(e) => setOne(field, e.currentTarget.value)}
                              >
                                <option value="">{t("importFile.none")}</option>
                                <For each={columns()}>{(c) => <option value={c}>{c}</option>}</For>
                              </select>
                            </label>
                          )}
                        </For>
                        <For each={MANY}>
                          {(field) => (
                            <label>
                              {t(`importFile.field.${field}`)}
                              <select
                                multiple
                                onChange={(e) =>
                                  setMany(
                                    field,
                                    [...e.currentTarget.selectedOptions].map((o) => o.value),
                                  )
                                }
                              >
                                <For each={columns()}>
                                  {(c) => (
                                    <option
                                      value={c}
                                      selected={mapping()?.[field]?.includes(c) ?? false}
                                    >
                                      {c}
                                    </option>
                                  )}
                                </For>
                              </select>
                            </label>
                          )}
                        </For>
                      </fieldset>
                    )}
                  </Show>
                  <Show when={p().sample.length > 0}>
                    <table class="sample">
                      <caption>{t("importFile.preview")}</caption>
                      <tbody>
                        <For each={p().sample}>
                          {(s) => (
                            <tr>
                              <td>{s.displayName}</td>
                              <td>{s.emails.join(", ")}</td>
                              <td>
                                {[s.position, s.company].filter((x) => x !== null).join(" · ")}
                              </td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </Show>
                  <Show when={p().report}>{(r) => <Summary report={r()} />}</Show>
                  <p class="hint">{t("importFile.privacy")}</p>
                </>
              )}
            </Show>
            <FormError error={error()} />
            <div class="actions">
              <button
                type="button"
                class="button button-primary"
                disabled={busy() || preview()?.report == null}
                onClick={() => void start()}
              >
                {t("importFile.start")}
              </button>
              <button type="button" class="button" onClick={close}>
                {t("action.cancel")}
              </button>
            </div>
          </>
        }
      >
        {(r) => (
          <>
            <h3>{t("importFile.done")}</h3>
            <Summary report={r()} />
            <div class="actions">
              <button type="button" class="button button-primary" onClick={close}>
                {t("action.close")}
              </button>
            </div>
          </>
        )}
      </Show>
    </Dialog>
  )
}
