/** Security: my password, where I am signed in, and the access tokens programs use. */
import { createSignal } from "solid-js"
import { useI18n } from "../../i18n/index.js"
import { PasswordForm } from "./PasswordForm.js"
import { SessionsList } from "./SessionsList.js"
import { TokensSection } from "./TokensSection.js"

export const SecuritySection = () => {
  const { t } = useI18n()
  // A new password signs out the other browsers (and maybe ends the tokens): both lists reload.
  const [version, setVersion] = createSignal(0)
  return (
    <section class="card" aria-labelledby="security-title">
      <h2 id="security-title">{t("security.title")}</h2>
      <PasswordForm onChanged={() => setVersion((v) => v + 1)} />
      <SessionsList version={version()} />
      <TokensSection version={version()} />
    </section>
  )
}
