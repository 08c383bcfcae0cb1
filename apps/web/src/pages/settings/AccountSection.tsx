/** My data to take away (GDPR Art. 20), and deleting my account — silently for everyone else. */
import { useNavigate } from "@solidjs/router"
import { createSignal } from "solid-js"
import { ApiError, api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { useSession } from "../../session.js"
import { Dialog } from "../../ui/Dialog.js"
import { FormError, TextField } from "../../ui/Field.js"
import { useErrorText } from "../../ui/States.js"

export const AccountSection = () => {
  const { t } = useI18n()
  const session = useSession()
  const navigate = useNavigate()
  const errorText = useErrorText()
  const [deleting, setDeleting] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)

  const exportData = async () => {
    try {
      const data = await ok(api.v1.me.export.$get())
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }),
      )
      const a = document.createElement("a")
      a.href = url
      a.download = `kontakt-${session.me()?.handle ?? "export"}.json`
      a.click()
      URL.revokeObjectURL(url)
    } catch (e) {
      setError(errorText(e))
    }
  }

  const remove = async (e: SubmitEvent) => {
    e.preventDefault()
    const password = String(new FormData(e.currentTarget as HTMLFormElement).get("password"))
    try {
      await ok(api.v1.me.$delete({ json: { password } }))
      session.set(null)
      navigate("/signup", { replace: true })
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === "InvalidCredentials"
          ? t("account.wrongPassword")
          : errorText(err),
      )
    }
  }

  return (
    <section class="card" aria-labelledby="account-title">
      <h2 id="account-title">{t("account.title")}</h2>
      <p>{t("account.exportHint")}</p>
      <button type="button" class="button" onClick={() => void exportData()}>
        {t("account.export")}
      </button>
      <p>{t("account.deleteHint")}</p>
      <button type="button" class="button button-danger" onClick={() => setDeleting(true)}>
        {t("account.delete")}
      </button>
      <FormError error={deleting() ? null : error()} />
      <Dialog open={deleting()} title={t("account.deleteTitle")} onClose={() => setDeleting(false)}>
        <form onSubmit={remove}>
          <p>{t("account.deleteSilent")}</p>
          <TextField
            label={t("auth.password")}
            name="password"
            type="password"
            autocomplete="current-password"
            error={error() ?? undefined}
          />
          <div class="actions">
            <button type="submit" class="button button-danger">
              {t("account.deleteConfirm")}
            </button>
            <button type="button" class="button" onClick={() => setDeleting(false)}>
              {t("action.cancel")}
            </button>
          </div>
        </form>
      </Dialog>
    </section>
  )
}
