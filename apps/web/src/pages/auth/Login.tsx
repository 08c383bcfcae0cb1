/** Signing in: email and password; back to where the member wanted to go. */
import { A, useNavigate, useSearchParams } from "@solidjs/router"
import { createSignal } from "solid-js"
import { ApiError, api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { useSession } from "../../session.js"
import { FormError, TextField } from "../../ui/Field.js"
import { useErrorText } from "../../ui/States.js"
import { AuthFrame } from "./AuthFrame.js"

/**
 * Only paths inside the app: never an address elsewhere. The browser is the
 * judge — what it would resolve `next` to against this page must have this
 * origin: `/\evil.example` (what `?next=/%5Cevil.example` reads as) or a tab
 * or newline after the first slash are another site to a browser, not a
 * path. Returns the path, query and hash.
 */
export const safeNext = (
  next: unknown,
  origin: string = typeof location === "undefined" ? "http://localhost" : location.origin,
) => {
  if (typeof next !== "string" || !next.startsWith("/")) return "/"
  try {
    const url = new URL(next, origin)
    if (url.origin !== origin) return "/"
    const path = `${url.pathname}${url.search}${url.hash}`
    // A path that itself begins "//" or "/\\" would be another site once navigated to.
    return /^\/[/\\]/.test(path) ? "/" : path
  } catch {
    return "/"
  }
}

export const Login = () => {
  const { t } = useI18n()
  const session = useSession()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const errorText = useErrorText()
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    setBusy(true)
    setError(null)
    try {
      const me = await ok(
        api.v1.auth.login.$post({
          json: { email: String(form.get("email")), password: String(form.get("password")) },
        }),
      )
      session.set(me)
      navigate(safeNext(params["next"]), { replace: true })
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401 ? t("auth.wrongCredentials") : errorText(err),
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthFrame title={t("auth.loginTitle")}>
      <form onSubmit={submit} novalidate>
        <TextField
          label={t("auth.email")}
          name="email"
          type="email"
          autocomplete="email"
          required
        />
        <TextField
          label={t("auth.password")}
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
        <FormError error={error()} />
        <button type="submit" class="button button-primary" disabled={busy()}>
          {t("auth.signIn")}
        </button>
      </form>
      <p>
        {t("auth.noAccount")} <A href="/signup">{t("auth.signUp")}</A>
      </p>
    </AuthFrame>
  )
}
