/** What happened for me: requests, acceptances, likes and comments on my posts; marked read on view. */
import { A } from "@solidjs/router"
import { createResource, For, onMount, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Avatar } from "../../ui/Avatar.js"
import { Async, Empty } from "../../ui/States.js"

const load = () => ok(api.v1.notifications.$get({ query: { limit: "50" } }))

export const Notifications = () => {
  const { t, date } = useI18n()
  const [list, { refetch }] = createResource(load)
  onMount(() => {
    void ok(api.v1.notifications.read.$post({ json: {} })).catch(() => undefined)
  })
  return (
    <section>
      <h1>{t("notifications.title")}</h1>
      <Async retry={() => void refetch()}>
        <Show when={list()}>
          {(l) => (
            <Show when={l().items.length > 0} fallback={<Empty>{t("notifications.empty")}</Empty>}>
              <ul class="notifications">
                <For each={l().items}>
                  {(n) => (
                    <li classList={{ unread: !n.read }}>
                      <Avatar member={n.actor} size="s" />
                      <span>
                        <A href={`/members/${n.actor.handle}`}>{n.actor.displayName}</A>{" "}
                        {t(`notifications.kind.${n.kind}`)}
                      </span>
                      <span class="muted small">{date(n.at)}</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Async>
    </section>
  )
}
