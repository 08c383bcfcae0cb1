/** My public profile: name, headline, a short bio, open to networking. */
import { ProfilePatch } from "@kontakt/domain"
import { createSignal } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { type Me, useSession } from "../../session.js"
import { errorsOf, FormError, TextArea, TextField } from "../../ui/Field.js"
import { useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"

export const ProfileSection = (props: { me: Me }) => {
  const { t } = useI18n()
  const session = useSession()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [errors, setErrors] = createSignal<Record<string, string>>({})
  const [formError, setFormError] = createSignal<string | null>(null)
  const [bio, setBio] = createSignal(props.me.bio)

  const save = async (e: SubmitEvent) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    const parsed = ProfilePatch.safeParse({
      displayName: form.get("displayName"),
      headline: form.get("headline"),
      bio: form.get("bio"),
      openToNetworking: form.get("openToNetworking") === "on",
    })
    if (!parsed.success) {
      setErrors(errorsOf(t, parsed.error.issues))
      return
    }
    setErrors({})
    setFormError(null)
    try {
      session.set(await ok(api.v1.me.$patch({ json: parsed.data })))
      toasts.show(t("settings.saved"))
    } catch (err) {
      setFormError(errorText(err))
    }
  }

  return (
    <form class="card" onSubmit={save} novalidate aria-labelledby="profile-title">
      <h2 id="profile-title">{t("settings.profile")}</h2>
      <TextField
        label={t("auth.displayName")}
        name="displayName"
        value={props.me.displayName}
        error={errors()["displayName"]}
      />
      <TextField
        label={t("settings.headline")}
        name="headline"
        value={props.me.headline}
        maxLength={120}
        error={errors()["headline"]}
      />
      <TextArea
        label={t("settings.bio")}
        name="bio"
        value={bio()}
        rows={4}
        counter={{ length: bio().length, max: 2000 }}
        error={errors()["bio"]}
        onInput={(e) => setBio(e.currentTarget.value)}
      />
      <label class="toggle">
        <input type="checkbox" name="openToNetworking" checked={props.me.openToNetworking} />{" "}
        {t("settings.openToNetworking")}
        <span class="hint">{t("settings.openToNetworkingHint")}</span>
      </label>
      <FormError error={formError()} />
      <button type="submit" class="button button-primary">
        {t("action.save")}
      </button>
    </form>
  )
}
