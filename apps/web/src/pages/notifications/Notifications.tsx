/**
 * What happened for me: requests, acceptances, likes, comments and shares on
 * my posts, introductions asked of me or made for me, and members my contacts
 * recommend (with their note, and a request to send); marked read on view.
 */
import { A } from "@solidjs/router"
import { createResource, createSignal, For, onMount, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Avatar } from "../../ui/Avatar.js"
import { MemberLine } from "../../ui/MemberLine.js"
import { Async, Empty } from "../../ui/States.js"
import { RequestDialog } from "../discover/RequestDialog.js"

const load = () => ok(api.v1.notifications.$get({ query: { limit: "50" } }))
type Item = Awaited<ReturnType<typeof load>>["items"][number]

/** A member a contact recommends to me: who, the contact's note, and asking them to connect. */
const Recommended = (props: { item: Item }) => {
  const { t } = useI18n()
  const [asking, setAsking] = createSignal(false)
  const [sent, setSent] = createSignal(false)
  return (
    <Show
      when={props.item.recommendation}
      fallback={<p class="muted small">{t("notifications.recommendedGone")}</p>}
    >
      {(r) => (
        <div class="recommended">
          <MemberLine member={r().member} />
          <Show when={r().note}>{(note) => <blockquote class="message">{note()}</blockquote>}</Show>
          <Show when={!sent()}>
            <button type="button" class="button" onClick={() => setAsking(true)}>
              {t("notifications.connect", { name: r().member.displayName })}
            </button>
          </Show>
          <RequestDialog
            open={asking()}
            to={r().member}
            foundVia={{
              kind: "recommended",
              handle: props.item.actor.handle,
              name: props.item.actor.displayName,
            }}
            onClose={() => setAsking(false)}
            onSent={() => {
              setAsking(false)
              setSent(true)
            }}
          />
        </div>
      )}
    </Show>
  )
}

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
                        <Show when={n.kind === "introductionAsked"}>
                          {" · "}
                          <A href="/inbox?tab=introductions">{t("notifications.seeAsks")}</A>
                        </Show>
                        <Show when={n.kind === "memberRecommended"}>
                          <Recommended item={n} />
                        </Show>
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
