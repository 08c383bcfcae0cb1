/**
 * Whom I blocked, the latest first, each with when; any can be unblocked.
 * The list is mine alone, and unblocking tells the other side nothing.
 */
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { MemberLine } from "../../ui/MemberLine.js"
import { createMorePages, MorePagesButton } from "../../ui/pages.js"
import { Async, useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"

const loadPage = (cursor: string | null) =>
  ok(api.v1.blocks.$get({ query: cursor === null ? {} : { cursor } }))
type Block = Awaited<ReturnType<typeof loadPage>>["items"][number]

export const BlocksSection = () => {
  const { t, date } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [first, { refetch }] = createResource(() => loadPage(null))
  const more = createMorePages(first, loadPage, {
    onError: (err) => toasts.show(errorText(err), "error"),
  })
  const [gone, setGone] = createSignal<ReadonlySet<string>>(new Set())
  const items = () =>
    [...(first()?.items ?? []), ...more.items()].filter((b) => !gone().has(b.member.handle))
  const unblock = async (b: Block) => {
    try {
      await ok(api.v1.members[":handle"].block.$delete({ param: { handle: b.member.handle } }))
      setGone((s) => new Set([...s, b.member.handle]))
      toasts.show(t("blocks.unblocked", { name: b.member.displayName }))
    } catch (err) {
      toasts.show(errorText(err), "error")
    }
  }

  return (
    <section class="card" aria-labelledby="blocks-title">
      <h2 id="blocks-title">{t("blocks.title")}</h2>
      <p class="muted">{t("blocks.hint")}</p>
      <Async retry={() => void refetch()}>
        <Show when={first()}>
          <Show when={items().length > 0} fallback={<p>{t("blocks.none")}</p>}>
            <ul class="mini-list">
              <For each={items()}>
                {(b) => (
                  <li>
                    <MemberLine member={b.member}>
                      <span class="muted">{t("blocks.since", { date: date(b.blockedAt) })}</span>
                    </MemberLine>
                    <button type="button" class="button" onClick={() => void unblock(b)}>
                      {t("blocks.unblock")}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <MorePagesButton pages={more} label={t("blocks.more")} quiet />
        </Show>
      </Async>
    </section>
  )
}
