/**
 * Discover: members suggested "via" the contacts we share, a search of the
 * directory (by name, and for those with a photo or open to networking),
 * and the groups (join one to meet its members).
 */
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { createMorePages, MorePagesButton } from "../../ui/pages.js"
import { Async, Empty } from "../../ui/States.js"
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

export const Discover = () => {
  const { t } = useI18n()
  const [search, setSearch] = createSignal<Search>({ q: "", hasPhoto: false, open: false })
  const [results, { refetch }] = createResource(
    () => (searching(search()) ? search() : false),
    (s) => loadPage(s, null),
  )
  const more = createMorePages(results, (cursor) => loadPage(search(), cursor))
  const change = (patch: Partial<Search>) => {
    more.reset()
    setSearch((s) => ({ ...s, ...patch }))
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
                    <For each={[...r().items, ...more.items()]}>
                      {(m) => (
                        <li>
                          <MemberCard member={m} foundVia={{ kind: "search" }} />
                        </li>
                      )}
                    </For>
                  </ul>
                  <MorePagesButton pages={more} label={t("discover.more")} />
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
