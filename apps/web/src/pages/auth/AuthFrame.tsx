/** The frame of the sign-in and sign-up pages: what kontakt is, the language switch, the form. */
import { For, type JSX } from "solid-js"
import { LOCALES, type Locale, useI18n } from "../../i18n/index.js"

export const AuthFrame = (props: { title: string; children: JSX.Element }) => {
  const { t, locale, setLocale } = useI18n()
  return (
    <main class="auth" id="main">
      <div class="auth-intro">
        <p class="brand">kontakt</p>
        <p class="lead">{t("auth.pitch")}</p>
        <label>
          <span class="visually-hidden">{t("shell.language")}</span>
          <select value={locale()} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
            <For each={LOCALES}>{(l) => <option value={l}>{t(`shell.locale.${l}`)}</option>}</For>
          </select>
        </label>
      </div>
      <section class="auth-card">
        <h1>{props.title}</h1>
        {props.children}
      </section>
    </main>
  )
}
