/**
 * Settings: profile and photo, privacy, the acceptance policy, the review
 * cadence, whom I blocked, security (password, sessions, access tokens), my data to take away,
 * and deleting my account.
 */
import { Show } from "solid-js"
import { useI18n } from "../../i18n/index.js"
import { useSession } from "../../session.js"
import { AccountSection } from "./AccountSection.js"
import { BlocksSection } from "./BlocksSection.js"
import { PhotoSection } from "./PhotoSection.js"
import { PreferencesSection } from "./PreferencesSection.js"
import { ProfileSection } from "./ProfileSection.js"
import { SecuritySection } from "./SecuritySection.js"

export const Settings = () => {
  const { t } = useI18n()
  const session = useSession()
  return (
    <section class="settings">
      <h1>{t("settings.title")}</h1>
      <Show when={session.me()}>
        {(me) => (
          <>
            <ProfileSection me={me()} />
            <PhotoSection me={me()} />
            <PreferencesSection me={me()} />
            <BlocksSection />
            <SecuritySection />
            <AccountSection />
          </>
        )}
      </Show>
    </section>
  )
}
