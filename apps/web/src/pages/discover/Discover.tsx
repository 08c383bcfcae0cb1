/**
 * Discover: members suggested "via" the contacts we share, a search of the
 * directory (by name, and for those with a photo or open to networking),
 * and the groups (join one to meet its members).
 */
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Async, Empty, ErrorNote } from "../../ui/States.js"
import { Groups } from "./Groups.js"
import { MemberCard } from "./MemberCard.js"
import { Suggestions } from "./Suggestions.js"

interface Search {
  readonly q: string
  readonly hasPhoto: boolean
  readonly open: boolean
}
const searching = (s: Search) => s.q.trim() !== "" || s.hasPhoto || s.open

const loadPage = (s: Search, cursor: string | null) =>
  ok(
    api.v1.members.$get({
      query: {
        ...(s.q.trim() === "" ? {} : { q: s.q.trim() }),
        ...(s.hasPhoto ? { hasPhoto: "true" as const } : {}),
        ...(s.open ? { openToNetworking: "true" as const } : {}),
        ...(cursor === null ? {} : { cursor }),
      },
    }),
  )
type Found = Awaited<ReturnType<typeof loadPage>>["items"][number]

export const Discover = () => {
  const { t } = useI18n()
  const [search, setSearch] = createSignal<Search>({ q: "", hasPhoto: false, open: false })
  const [results, { refetch }] = createResource(
    () => (searching(search()) ? search() : false),
    (s) => loadPage(s, null),
  )
  const [more, setMore] = createSignal<{ items: Found[]; cursor: string | null } | null>(null)
  const [moreError, setMoreError] = createSignal<unknown>(null)
  const change = (patch: Partial<Search>) => {
    setMore(null)
    setMoreError(null)
    setSearch((s) => ({ ...s, ...patch }))
  }
  const cursor = () =>
    more() === null ? (results()?.nextCursor ?? null) : (more()?.cursor ?? null)
  const loadMore = async () => {
    const c = cursor()
    if (c === null) return
    try {
      const page = await loadPage(search(), c)
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], cursor: page.nextCursor }))
    } catch (e) {
      setMoreError(e)
    }
  }
  return (
    <section class="discover">
      <h1>{t("discover.title")}</h1>
      <Suggestions />
      <section aria-labelledby="search-title">
        <h2 id="search-title">{t("discover.search")}</h2>
        <search class="filters">
          <label>
            {t("discover.searchLabel")}
            <input
              type="search"
              value={search().q}
              onInput={(e) => change({ q: e.currentTarget.value })}
            />
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={search().hasPhoto}
              onChange={(e) => change({ hasPhoto: e.currentTarget.checked })}
            />
            {t("discover.withPhoto")}
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={search().open}
              onChange={(e) => change({ open: e.currentTarget.checked })}
            />
            {t("discover.openOnly")}
          </label>
        </search>
        <Show when={searching(search())}>
          <Async retry={() => void refetch()}>
            <Show when={results()}>
              {(r) => (
                <Show
                  when={r().items.length > 0}
                  fallback={<Empty>{t("discover.noResults")}</Empty>}
                >
                  <ul class="cards">
                    <For each={[...r().items, ...(more()?.items ?? [])]}>
                      {(m) => (
                        <li>
                          <MemberCard member={m} foundVia={{ kind: "search" }} />
                        </li>
                      )}
                    </For>
                  </ul>
                  <Show when={moreError() !== null}>
                    <ErrorNote error={moreError()} retry={() => void loadMore()} />
                  </Show>
                  <Show when={cursor() !== null}>
                    <button type="button" class="button" onClick={() => void loadMore()}>
                      {t("discover.more")}
                    </button>
                  </Show>
                </Show>
              )}
            </Show>
          </Async>
        </Show>
      </section>
      <Groups />
    </section>
  )
}
