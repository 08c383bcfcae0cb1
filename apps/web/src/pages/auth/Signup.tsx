/** Signing up: checked in the browser with the domain's own rules, then onboarding. */
import { SignupInput } from "@kontakt/domain"
import { A, useNavigate } from "@solidjs/router"
import { createSignal } from "solid-js"
import { ApiError, api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { useSession } from "../../session.js"
import { errorsOf, FormError, TextField } from "../../ui/Field.js"
import { useErrorText } from "../../ui/States.js"
import { AuthFrame } from "./AuthFrame.js"

export const Signup = () => {
  const { t, locale } = useI18n()
  const session = useSession()
  const navigate = useNavigate()
  const errorText = useErrorText()
  const [errors, setErrors] = createSignal<Record<string, string>>({})
  const [formError, setFormError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    const parsed = SignupInput.safeParse(Object.fromEntries(form))
    setFormError(null)
    if (!parsed.success) {
      setErrors(errorsOf(t, parsed.error.issues))
      return
    }
    setErrors({})
    setBusy(true)
    try {
      await ok(api.v1.auth.signup.$post({ json: parsed.data }))
      // The new member speaks the language they signed up in.
      session.set(await ok(api.v1.me.$patch({ json: { settings: { locale: locale() } } })))
      navigate("/welcome", { replace: true })
    } catch (err) {
      if (err instanceof ApiError && err.code === "HandleTaken")
        setErrors({ handle: t("auth.handleTaken") })
      else if (err instanceof ApiError && err.code === "EmailTaken")
        setErrors({ email: t("auth.emailTaken") })
      else setFormError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthFrame title={t("auth.signupTitle")}>
      <form onSubmit={submit} novalidate>
        <TextField
          label={t("auth.displayName")}
          name="displayName"
          autocomplete="name"
          error={errors()["displayName"]}
          required
        />
        <TextField
          label={t("auth.handle")}
          name="handle"
          hint={t("auth.handleHint")}
          autocomplete="username"
          error={errors()["handle"]}
          required
        />
        <TextField
          label={t("auth.email")}
          name="email"
          type="email"
          autocomplete="email"
          error={errors()["email"]}
          required
        />
        <TextField
          label={t("auth.password")}
          name="password"
          type="password"
          hint={t("auth.passwordHint")}
          autocomplete="new-password"
          error={errors()["password"]}
          required
        />
        <FormError error={formError()} />
        <button type="submit" class="button button-primary" disabled={busy()}>
          {t("auth.createAccount")}
        </button>
      </form>
      <p>
        {t("auth.haveAccount")} <A href="/login">{t("auth.signIn")}</A>
      </p>
    </AuthFrame>
  )
}
