/** My open requests (an ignored one reads as pending, as for every sender), with withdraw. */
import { createResource, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { MemberLine } from "../../ui/MemberLine.js"
import { Async, Empty } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"

const load = () => ok(api.v1.requests.outgoing.$get({ query: { limit: "100" } }))

export const SentList = () => {
  const { t, date } = useI18n()
  const toasts = useToasts()
  const [sent, { mutate, refetch }] = createResource(load)

  const withdraw = async (id: string, name: string) => {
    const before = sent()
    mutate((p) => (p === undefined ? p : { ...p, items: p.items.filter((r) => r.id !== id) }))
    try {
      await ok(api.v1.requests[":id"].withdraw.$post({ param: { id } }))
      toasts.show(t("inbox.withdrawn", { name }))
    } catch {
      mutate(before)
      toasts.show(t("inbox.actionFailed"), "error")
    }
  }

  return (
    <Async retry={() => void refetch()}>
      <Show when={sent()}>
        {(page) => (
          <Show when={page().items.length > 0} fallback={<Empty>{t("inbox.emptySent")}</Empty>}>
            <p class="muted">{t("inbox.sentHint")}</p>
            <ul class="cards">
              <For each={page().items}>
                {(r) => (
                  <li class="card">
                    <MemberLine member={r.to}>
                      <span class="muted">
                        {t("inbox.sentOn", { date: date(r.createdAt) })} ·{" "}
                        {t(`inbox.state.${r.state}`)}
                      </span>
                    </MemberLine>
                    <Show when={r.message}>
                      {(m) => <blockquote class="message">{m()}</blockquote>}
                    </Show>
                    <button
                      type="button"
                      class="button"
                      onClick={() => withdraw(r.id, r.to.displayName)}
                    >
                      {t("inbox.withdraw")}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </Async>
  )
}
