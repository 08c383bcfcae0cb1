/**
 * Signing up: checked in the browser with the domain's own rules, then
 * onboarding. Through an invitation link (its secret in the fragment, which
 * no server sees), who invites and with which words is shown first, and
 * whether to connect with them is mine to choose before I agree.
 */
import { SignupInput } from "@kontakt/domain"
import { A, useNavigate } from "@solidjs/router"
import { createResource, createSignal, Show } from "solid-js"
import { ApiError, api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { useSession } from "../../session.js"
import { errorsOf, FormError, TextField } from "../../ui/Field.js"
import { useErrorText } from "../../ui/States.js"
import { AuthFrame } from "./AuthFrame.js"

/** The invitation's secret from the link (`/signup#invitation=…`), if any. */
const secretFromLink = () => {
  if (typeof location === "undefined") return null
  const found = new URLSearchParams(location.hash.replace(/^#/, "")).get("invitation")
  return found === null || found === "" ? null : found
}

export const Signup = () => {
  const { t, locale } = useI18n()
  const session = useSession()
  const navigate = useNavigate()
  const errorText = useErrorText()
  const [errors, setErrors] = createSignal<Record<string, string>>({})
  const [formError, setFormError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [secret, setSecret] = createSignal(secretFromLink())
  const [connect, setConnect] = createSignal(true)
  const [invitation] = createResource(secret, (s) =>
    ok(api.v1.auth.invitation.$post({ json: { secret: s } })).catch(() => null),
  )
  const inviter = () => invitation()?.inviter.displayName ?? ""

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
      const through = secret()
      await ok(
        api.v1.auth.signup.$post({
          json: {
            ...parsed.data,
            ...(through !== null && invitation() != null
              ? { invitation: { secret: through, connect: connect() } }
              : {}),
          },
        }),
      )
      // The new member speaks the language they signed up in.
      session.set(await ok(api.v1.me.$patch({ json: { settings: { locale: locale() } } })))
      navigate("/welcome", { replace: true })
    } catch (err) {
      if (err instanceof ApiError && err.code === "HandleTaken")
        setErrors({ handle: t("auth.handleTaken") })
      else if (err instanceof ApiError && err.code === "EmailTaken")
        setErrors({ email: t("auth.emailTaken") })
      else if (err instanceof ApiError && err.code === "InvitationNotFound") {
        // Used or revoked meanwhile: the next try signs up without it.
        setSecret(null)
        setFormError(t("auth.invitationGone"))
      } else setFormError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthFrame title={t("auth.signupTitle")}>
      <Show when={secret() !== null && invitation() === null}>
        <p class="notice">{t("auth.invitationGone")}</p>
      </Show>
      <Show when={invitation()}>
        {(i) => (
          <section class="card invitation-card" aria-labelledby="invited-by">
            <h2 id="invited-by">{t("auth.invitedBy", { name: i().inviter.displayName })}</h2>
            <Show when={i().message}>{(m) => <blockquote>{m()}</blockquote>}</Show>
          </section>
        )}
      </Show>
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
        <Show when={invitation()}>
          <label class="toggle">
            <input
              type="checkbox"
              checked={connect()}
              onChange={(e) => setConnect(e.currentTarget.checked)}
            />{" "}
            {t("auth.connectWith", { name: inviter() })}
            <span class="hint">{t("auth.connectHint", { name: inviter() })}</span>
          </label>
        </Show>
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
