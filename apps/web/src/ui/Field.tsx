/**
 * Form fields with a visible label, a hint and an error the screen reader
 * reads with the field; and the translation of validation problems (from the
 * domain's schemas in the browser, or from the API) into the reader's language.
 */
import { createUniqueId, type JSX, Show, splitProps } from "solid-js"
import type { I18n } from "../i18n/index.js"

export interface Issue {
  readonly code: string
  readonly path: readonly PropertyKey[]
  readonly message: string
  readonly minimum?: unknown
  readonly maximum?: unknown
  readonly format?: string
}

// The domain's own messages for rules zod cannot name by code.
const customKeys: Record<
  string,
  | "field.reserved"
  | "field.onlySpaces"
  | "field.handleChars"
  | "field.invisible"
  | "field.nothingVisible"
  | "field.repeated"
  | "field.commonPassword"
  | "field.credentialsInLink"
  | "field.directionOverride"
> = {
  "This handle is reserved": "field.reserved",
  "Must not be only spaces": "field.onlySpaces",
  "Only letters a–z, digits, _ and -": "field.handleChars",
  "Must not contain invisible characters": "field.invisible",
  "Must not contain control or invisible characters": "field.invisible",
  "Must show at least one visible character": "field.nothingVisible",
  "Must not be one character repeated": "field.repeated",
  "Too common: it is on lists of leaked passwords": "field.commonPassword",
  "Must not contain a user name or password": "field.credentialsInLink",
  "Must not contain direction overrides": "field.directionOverride",
}

/** The reader's words for one validation issue. */
export const issueText = (t: I18n["t"], issue: Issue): string => {
  const custom = customKeys[issue.message]
  if (custom !== undefined) return t(custom)
  switch (issue.code) {
    case "too_small":
      return Number(issue.minimum) <= 1
        ? t("field.required")
        : t("field.tooShort", { n: String(issue.minimum) })
    case "too_big":
      return t("field.tooLong", { n: String(issue.maximum) })
    case "invalid_format":
      return issue.format === "email" ? t("field.email") : t("field.invalid")
    default:
      return t("field.invalid")
  }
}

/** Field errors by name, from a zod result's issues. */
export const errorsOf = (t: I18n["t"], issues: readonly Issue[]): Record<string, string> => {
  const errors: Record<string, string> = {}
  for (const issue of issues) {
    const name = String(issue.path[0] ?? "")
    errors[name] ??= issueText(t, issue)
  }
  return errors
}

type InputProps = JSX.InputHTMLAttributes<HTMLInputElement> & {
  label: string
  hint?: string
  error?: string | undefined
}

export const TextField = (props: InputProps) => {
  const [own, input] = splitProps(props, ["label", "hint", "error"])
  const id = createUniqueId()
  return (
    <div class="field" classList={{ invalid: own.error !== undefined }}>
      <label for={id}>{own.label}</label>
      <input
        id={id}
        aria-invalid={own.error !== undefined}
        aria-describedby={`${id}-hint ${id}-error`}
        {...input}
      />
      <Show when={own.hint}>
        <span class="hint" id={`${id}-hint`}>
          {own.hint}
        </span>
      </Show>
      <Show when={own.error}>
        <span class="error" id={`${id}-error`}>
          {own.error}
        </span>
      </Show>
    </div>
  )
}

type AreaProps = JSX.TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string
  hint?: string
  error?: string | undefined
  /** Shows "n / max" as the text grows. */
  counter?: { readonly length: number; readonly max: number }
}

export const TextArea = (props: AreaProps) => {
  const [own, area] = splitProps(props, ["label", "hint", "error", "counter"])
  const id = createUniqueId()
  return (
    <div class="field" classList={{ invalid: own.error !== undefined }}>
      <label for={id}>{own.label}</label>
      <textarea
        id={id}
        aria-invalid={own.error !== undefined}
        aria-describedby={`${id}-hint ${id}-count ${id}-error`}
        {...area}
      />
      <div class="field-foot">
        <Show when={own.hint}>
          <span class="hint" id={`${id}-hint`}>
            {own.hint}
          </span>
        </Show>
        <Show when={own.counter}>
          {(c) => (
            <span
              class="counter"
              classList={{ over: c().length > c().max }}
              id={`${id}-count`}
              aria-live="polite"
            >
              {c().length} / {c().max}
            </span>
          )}
        </Show>
      </div>
      <Show when={own.error}>
        <span class="error" id={`${id}-error`}>
          {own.error}
        </span>
      </Show>
    </div>
  )
}

/** A form's own error (not one field's), read out when it appears. */
export const FormError = (props: { error: string | null | undefined }) => (
  <Show when={props.error}>
    {(error) => (
      <p class="form-error" role="alert">
        {error()}
      </p>
    )}
  </Show>
)
