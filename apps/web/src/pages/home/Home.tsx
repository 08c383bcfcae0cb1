/**
 * Home: the composer and the feed — one item per post or new connection,
 * each saying who brought it; more on request. A row of my categories reads
 * the news of one of them (or of the contacts in none); it stays in the
 * address bar.
 */
import { useSearchParams } from "@solidjs/router"
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { settled } from "../../ui/resource.js"
import { Async, Empty, ErrorNote } from "../../ui/States.js"
import { Composer } from "./Composer.js"
import { FeedCard, type FeedItem } from "./FeedCard.js"

const loadPage = (category: string, cursor: string | null) =>
  ok(
    api.v1.feed.$get({
      query: {
        ...(category === "" ? {} : { category }),
        ...(cursor === null ? {} : { cursor }),
      },
    }),
  )

export const Home = () => {
  const { t } = useI18n()
  const [params, setParams] = useSearchParams()
  const category = () => (typeof params["category"] === "string" ? params["category"] : "")
  const [categories] = createResource(() => ok(api.v1.categories.$get()))
  // Keyed by the category; "" (all news) is a key too, so the source is never falsy-skipped.
  const [first, { refetch }] = createResource(
    () => ({ category: category() }),
    (k) => loadPage(k.category, null),
  )
  const [more, setMore] = createSignal<readonly FeedItem[]>([])
  const [cursor, setCursor] = createSignal<string | null | undefined>(undefined)
  const [hidden, setHidden] = createSignal<ReadonlySet<string>>(new Set())
  const [loadingMore, setLoadingMore] = createSignal(false)
  const [moreError, setMoreError] = createSignal<unknown>(null)
  const [posted, setPosted] = createSignal<readonly FeedItem[]>([])

  const items = () =>
    [...posted(), ...(first()?.items ?? []), ...more()].filter((i) => !hidden().has(i.key))
  const next = () => (cursor() === undefined ? (first()?.nextCursor ?? null) : cursor())

  // Another category's news starts from its first page.
  const choose = (id: string) => {
    setMore([])
    setCursor(undefined)
    setMoreError(null)
    setPosted([])
    setParams({ category: id === "" ? undefined : id })
  }

  const loadMore = async () => {
    const c = next()
    if (c === null || c === undefined) return
    setLoadingMore(true)
    setMoreError(null)
    try {
      const page = await loadPage(category(), c)
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
      <Show when={(settled(categories)?.items.length ?? 0) > 0}>
        <nav class="category-row" aria-label={t("home.byCategory")}>
          <For
            each={[
              { id: "", name: t("home.allNews") },
              ...(settled(categories)?.items ?? []),
              { id: "uncategorized", name: t("contacts.uncategorized") },
            ]}
          >
            {(c) => (
              <button
                type="button"
                class="chip"
                aria-pressed={category() === c.id}
                onClick={() => choose(c.id)}
              >
                {c.name}
              </button>
            )}
          </For>
        </nav>
      </Show>
      <Async retry={() => void refetch()}>
        <Show when={first()}>
          <Show
            when={items().length > 0}
            fallback={
              <Empty>{category() === "" ? t("home.empty") : t("home.emptyCategory")}</Empty>
            }
          >
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
