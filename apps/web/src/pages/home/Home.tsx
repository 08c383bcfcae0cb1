/**
 * Home: the composer and the feed — one item per post or new connection,
 * each saying who brought it; more on request.
 */
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Async, Empty, ErrorNote } from "../../ui/States.js"
import { Composer } from "./Composer.js"
import { FeedCard, type FeedItem } from "./FeedCard.js"

const loadPage = (cursor: string | null) =>
  ok(api.v1.feed.$get({ query: cursor === null ? {} : { cursor } }))

export const Home = () => {
  const { t } = useI18n()
  const [first, { refetch }] = createResource(() => loadPage(null))
  const [more, setMore] = createSignal<readonly FeedItem[]>([])
  const [cursor, setCursor] = createSignal<string | null | undefined>(undefined)
  const [hidden, setHidden] = createSignal<ReadonlySet<string>>(new Set())
  const [loadingMore, setLoadingMore] = createSignal(false)
  const [moreError, setMoreError] = createSignal<unknown>(null)
  const [posted, setPosted] = createSignal<readonly FeedItem[]>([])

  const items = () =>
    [...posted(), ...(first()?.items ?? []), ...more()].filter((i) => !hidden().has(i.key))
  const next = () => (cursor() === undefined ? (first()?.nextCursor ?? null) : cursor())

  const loadMore = async () => {
    const c = next()
    if (c === null || c === undefined) return
    setLoadingMore(true)
    setMoreError(null)
    try {
      const page = await loadPage(c)
      setMore((m) => [...m, ...page.items])
      setCursor(page.nextCursor)
    } catch (e) {
      setMoreError(e)
    } finally {
      setLoadingMore(false)
    }
  }

  return (
    <section class="home">
      <h1>{t("home.title")}</h1>
      <Composer onPosted={(item) => setPosted((p) => [item, ...p])} />
      <Async retry={() => void refetch()}>
        <Show when={first()}>
          <Show when={items().length > 0} fallback={<Empty>{t("home.empty")}</Empty>}>
            <ul class="feed" aria-label={t("home.feedLabel")}>
              <For each={items()}>
                {(item) => (
                  <li>
                    <FeedCard
                      item={item}
                      onHide={(keys) => setHidden((h) => new Set([...h, ...keys]))}
                      onUnhide={(keys) =>
                        setHidden((h) => new Set([...h].filter((k) => !keys.includes(k))))
                      }
                      items={items}
                    />
                  </li>
                )}
              </For>
            </ul>
            <Show when={moreError()}>
              <ErrorNote error={moreError()} retry={() => void loadMore()} />
            </Show>
            <Show when={next() !== null}>
              <button
                type="button"
                class="button"
                disabled={loadingMore()}
                onClick={() => void loadMore()}
              >
                {loadingMore() ? t("state.loading") : t("action.more")}
              </button>
            </Show>
          </Show>
        </Show>
      </Async>
    </section>
  )
}
