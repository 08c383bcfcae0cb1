/** Members two hops away, ranked by the contacts we share, each "via" whom; dismissable. */
import { createResource, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Async, Empty } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"
import { MemberCard } from "./MemberCard.js"

const load = () => ok(api.v1.network.suggestions.$get({ query: { limit: "12" } }))

export const Suggestions = () => {
  const { t, listOf } = useI18n()
  const toasts = useToasts()
  const [list, { mutate, refetch }] = createResource(load)

  const dismiss = async (handle: string) => {
    const before = list()
    mutate((l) =>
      l === undefined ? l : { items: l.items.filter((s) => s.member.handle !== handle) },
    )
    try {
      await ok(api.v1.network.suggestions[":handle"].dismiss.$post({ param: { handle } }))
    } catch {
      mutate(before)
      toasts.show(t("discover.dismissFailed"), "error")
    }
  }

  return (
    <section aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t("discover.suggestions")}</h2>
      <Async retry={() => void refetch()}>
        <Show when={list()}>
          {(l) => (
            <Show
              when={l().items.length > 0}
              fallback={<Empty>{t("discover.noSuggestions")}</Empty>}
            >
              <ul class="cards grid">
                <For each={l().items}>
                  {(s) => (
                    <li>
                      <MemberCard
                        member={{ ...s.member, relationship: "none", mutualCount: s.mutualCount }}
                        foundVia={{ kind: "suggestion", mutual: s.mutualCount }}
                      >
                        <p class="via muted">
                          {t("discover.via", {
                            names: listOf(s.viaMembers.map((m) => m.displayName)),
                          })}
                          <Show when={s.sharedGroups > 0}>
                            {" · "}
                            {t("discover.sharedGroups", { n: String(s.sharedGroups) })}
                          </Show>
                          <Show when={s.reasons.includes("openToNetworking")}>
                            {" · "}
                            {t("discover.reason.open")}
                          </Show>
                          <Show when={s.reasons.includes("hasPhoto")}>
                            {" · "}
                            {t("discover.reason.photo")}
                          </Show>
                        </p>
                        <button
                          type="button"
                          class="button button-quiet"
                          onClick={() => void dismiss(s.member.handle)}
                        >
                          {t("discover.dismiss")}
                        </button>
                      </MemberCard>
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
