/**
 * Discover: members suggested "via" the contacts we share, a search of the
 * directory, and the groups (join one to meet its members).
 */
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Async, Empty } from "../../ui/States.js"
import { Groups } from "./Groups.js"
import { MemberCard } from "./MemberCard.js"
import { Suggestions } from "./Suggestions.js"

export const Discover = () => {
  const { t } = useI18n()
  const [query, setQuery] = createSignal("")
  const [results, { refetch }] = createResource(
    () => query().trim() || false,
    (q) => ok(api.v1.members.$get({ query: { q } })),
  )
  return (
    <section class="discover">
      <h1>{t("discover.title")}</h1>
      <Suggestions />
      <section aria-labelledby="search-title">
        <h2 id="search-title">{t("discover.search")}</h2>
        <search>
          <label>
            {t("discover.searchLabel")}
            <input type="search" value={query()} onInput={(e) => setQuery(e.currentTarget.value)} />
          </label>
        </search>
        <Show when={query().trim() !== ""}>
          <Async retry={() => void refetch()}>
            <Show when={results()}>
              {(r) => (
                <Show
                  when={r().items.length > 0}
                  fallback={<Empty>{t("discover.noResults")}</Empty>}
                >
                  <ul class="cards">
                    <For each={r().items}>
                      {(m) => (
                        <li>
                          <MemberCard member={m} foundVia={{ kind: "search" }} />
                        </li>
                      )}
                    </For>
                  </ul>
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
