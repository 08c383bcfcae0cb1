/**
 * Privacy, the acceptance policy and the review cadence: my settings, saved
 * together.
 */
import type { AcceptancePolicy } from "@kontakt/domain"
import { createSignal, For } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { type Me, useSession } from "../../session.js"
import { FormError } from "../../ui/Field.js"
import { useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"
import { AcceptanceEditor } from "./AcceptanceEditor.js"

type Settings = Me["settings"]

export const PreferencesSection = (props: { me: Me }) => {
  const { t } = useI18n()
  const session = useSession()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [settings, setSettings] = createSignal<Settings>(props.me.settings)
  const [error, setError] = createSignal<string | null>(null)
  const set = (patch: Partial<Settings>) => setSettings((s) => ({ ...s, ...patch }))

  const save = async (e: SubmitEvent) => {
    e.preventDefault()
    const s = settings()
    if (!(Number.isInteger(s.reviewEveryDays) && s.reviewEveryDays >= 7)) {
      setError(t("settings.cadenceRange"))
      return
    }
    setError(null)
    try {
      session.set(await ok(api.v1.me.$patch({ json: { settings: s } })))
      toasts.show(t("settings.saved"))
    } catch (err) {
      setError(errorText(err))
    }
  }

  return (
    <form class="card" onSubmit={save} novalidate aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t("settings.privacy")}</h2>
      <fieldset>
        <legend>{t("settings.whoCanRequest")}</legend>
        <For each={["everyone", "contactsOfContacts", "sharedGroup"] as const}>
          {(who) => (
            <label class="choice">
              <input
                type="radio"
                name="whoCanRequest"
                checked={settings().whoCanRequest === who}
                onChange={() => set({ whoCanRequest: who })}
              />{" "}
              {t(`settings.who.${who}`)}
            </label>
          )}
        </For>
      </fieldset>
      <label class="toggle">
        <input
          type="checkbox"
          checked={settings().requireMessage}
          onChange={(e) => set({ requireMessage: e.currentTarget.checked })}
        />{" "}
        {t("settings.requireMessage")}
      </label>
      <label class="toggle">
        <input
          type="checkbox"
          checked={settings().hideContacts}
          onChange={(e) => set({ hideContacts: e.currentTarget.checked })}
        />{" "}
        {t("settings.hideContacts")}
        <span class="hint">{t("settings.hideContactsHint")}</span>
      </label>
      <label class="toggle">
        <input
          type="checkbox"
          checked={settings().findableByEmail}
          onChange={(e) => set({ findableByEmail: e.currentTarget.checked })}
        />{" "}
        {t("settings.findable")}
        <span class="hint">{t("settings.findableHint")}</span>
      </label>
      <label class="toggle">
        <input
          type="checkbox"
          checked={settings().broadcastConnections}
          onChange={(e) => set({ broadcastConnections: e.currentTarget.checked })}
        />{" "}
        {t("settings.broadcast")}
        <span class="hint">{t("settings.broadcastHint")}</span>
      </label>
      <AcceptanceEditor
        value={settings().acceptance}
        onChange={(acceptance: AcceptancePolicy) => set({ acceptance })}
      />
      <label class="field">
        {t("settings.reviewEvery")}
        <input
          type="number"
          min={7}
          max={1095}
          value={settings().reviewEveryDays}
          onInput={(e) => set({ reviewEveryDays: Number(e.currentTarget.value) })}
        />
      </label>
      <FormError error={error()} />
      <button type="submit" class="button button-primary">
        {t("action.save")}
      </button>
    </form>
  )
}
