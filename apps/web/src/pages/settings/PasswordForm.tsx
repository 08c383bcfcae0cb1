/**
 * A new password: the current one first; every other browser is signed out,
 * and the access tokens stop working unless I keep them.
 */
import { Password } from "@kontakt/domain"
import { createSignal } from "solid-js"
import { ApiError, api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { FormError, issueText, TextField } from "../../ui/Field.js"
import { useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"

export const PasswordForm = (props: { onChanged: () => void }) => {
  const { t } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [errors, setErrors] = createSignal<Record<string, string>>({})
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const currentPassword = String(data.get("currentPassword") ?? "")
    const newPassword = String(data.get("newPassword") ?? "")
    const repeated = String(data.get("repeatPassword") ?? "")
    const found: Record<string, string> = {}
    if (currentPassword === "") found["currentPassword"] = t("field.required")
    const checked = Password.safeParse(newPassword)
    if (!checked.success && checked.error.issues[0] !== undefined)
      found["newPassword"] = issueText(t, checked.error.issues[0])
    else if (repeated !== newPassword) found["repeatPassword"] = t("security.mismatch")
    setErrors(found)
    setError(null)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    try {
      await ok(
        api.v1.me.password.$post({
          json: { currentPassword, newPassword, keepTokens: data.get("keepTokens") === "on" },
        }),
      )
      form.reset()
      toasts.show(t("security.changed"))
      props.onChanged()
    } catch (err) {
      if (err instanceof ApiError && err.code === "InvalidCredentials")
        setErrors({ currentPassword: t("account.wrongPassword") })
      else setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} novalidate aria-labelledby="password-title">
      <h3 id="password-title">{t("security.password")}</h3>
      <TextField
        label={t("security.current")}
        name="currentPassword"
        type="password"
        autocomplete="current-password"
        error={errors()["currentPassword"]}
      />
      <TextField
        label={t("security.new")}
        name="newPassword"
        type="password"
        autocomplete="new-password"
        hint={t("security.rules")}
        error={errors()["newPassword"]}
      />
      <TextField
        label={t("security.repeat")}
        name="repeatPassword"
        type="password"
        autocomplete="new-password"
        error={errors()["repeatPassword"]}
      />
      <label class="toggle">
        <input type="checkbox" name="keepTokens" /> {t("security.keepTokens")}
      </label>
      <p class="hint">{t("security.othersEnd")}</p>
      <FormError error={error()} />
      <button type="submit" class="button" disabled={busy()}>
        {t("security.change")}
      </button>
    </form>
  )
}
