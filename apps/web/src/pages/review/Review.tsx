/**
 * The review: contacts whose review is due, one at a time — what they
 * shared and how we interacted, a recommendation with its reasons in one
 * sentence each — and my decision: keep, mute, snooze or delete (silently).
 */
import { createResource, createSignal, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Async, Empty } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"
import { History } from "./History.js"
import { ReviewCard } from "./ReviewCard.js"

const load = () => ok(api.v1.reviews.due.$get({ query: { limit: "100" } }))
export type Due = Awaited<ReturnType<typeof load>>["items"][number]
export type Decision =
  | { readonly decision: "keep" | "mute" | "delete" }
  | { readonly decision: "snooze"; readonly snoozeDays: number }

export const Review = () => {
  const { t } = useI18n()
  const toasts = useToasts()
  const [due, { mutate, refetch }] = createResource(load)
  const [historyVersion, setHistoryVersion] = createSignal(0)
  const current = () => due()?.items[0]

  const decide = async (item: Due, decision: Decision) => {
    const before = due()
    // On to the next one at once; back if the server refuses.
    mutate((d) => (d === undefined ? d : { ...d, items: d.items.slice(1) }))
    try {
      await ok(api.v1.reviews.$post({ json: { handle: item.contact.member.handle, ...decision } }))
      toasts.show(t(`review.done.${decision.decision}`, { name: item.contact.member.displayName }))
      setHistoryVersion((v) => v + 1)
    } catch {
      mutate(before)
      toasts.show(t("review.failed"), "error")
    }
  }

  return (
    <section>
      <h1>{t("review.title")}</h1>
      <p class="lead">{t("review.intro")}</p>
      <Async retry={() => void refetch()}>
        <Show when={due()}>
          {(d) => (
            <>
              <p class="muted" aria-live="polite">
                {t("review.left", { n: String(d().items.length) })}
              </p>
              <Show when={current()} fallback={<Empty>{t("review.empty")}</Empty>}>
                {(item) => <ReviewCard item={item()} onDecide={(x) => void decide(item(), x)} />}
              </Show>
            </>
          )}
        </Show>
      </Async>
      <History version={historyVersion()} />
    </section>
  )
}
