/**
 * Where I am signed in: each browser with when it signed in and was last
 * used, this one marked; any can be signed out, or all but this one.
 */
import { useNavigate } from "@solidjs/router"
import { createResource, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { useSession } from "../../session.js"
import { Async, useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"

export const SessionsList = (props: { version: number }) => {
  const { t, dateTime } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const session = useSession()
  const navigate = useNavigate()
  const [sessions, { refetch }] = createResource(
    () => props.version,
    () => ok(api.v1.me.sessions.$get()),
  )

  const end = async (id: string, current: boolean) => {
    try {
      await ok(api.v1.me.sessions[":id"].$delete({ param: { id } }))
      if (current) {
        session.set(null)
        navigate("/login", { replace: true })
      } else void refetch()
    } catch (err) {
      toasts.show(errorText(err), "error")
    }
  }

  const endOthers = async () => {
    try {
      await ok(api.v1.me.sessions["revoke-others"].$post())
      toasts.show(t("security.othersEnded"))
      void refetch()
    } catch (err) {
      toasts.show(errorText(err), "error")
    }
  }

  return (
    <section aria-labelledby="sessions-title">
      <h3 id="sessions-title">{t("security.sessions")}</h3>
      <Async retry={() => void refetch()}>
        <Show when={sessions()}>
          {(l) => (
            <>
              <ul class="mini-list">
                <For each={l().items}>
                  {(s) => (
                    <li>
                      <strong>{s.device ?? t("security.unknownDevice")}</strong>{" "}
                      <Show when={s.current}>
                        <span class="tag">{t("security.thisDevice")}</span>{" "}
                      </Show>
                      <span class="muted">
                        {t("security.signedIn", { date: dateTime(s.createdAt) })} ·{" "}
                        {t("security.lastUsed", { date: dateTime(s.lastUsedAt) })}
                      </span>{" "}
                      <button
                        type="button"
                        class="button button-quiet"
                        onClick={() => void end(s.id, s.current)}
                      >
                        {t("security.signOut")}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={l().items.some((s) => !s.current)}>
                <button type="button" class="button" onClick={() => void endOthers()}>
                  {t("security.signOutOthers")}
                </button>
              </Show>
            </>
          )}
        </Show>
      </Async>
    </section>
  )
}
