/** My past review decisions: private, newest first. */
import { createResource, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Async, Empty } from "../../ui/States.js"

export const History = (props: { version: number }) => {
  const { t, date } = useI18n()
  const [history, { refetch }] = createResource(
    () => props.version + 1,
    () => ok(api.v1.reviews.history.$get({ query: {} })),
  )
  return (
    <details class="history">
      <summary>{t("review.history")}</summary>
      <Async retry={() => void refetch()}>
        <Show when={history()}>
          {(h) => (
            <Show when={h().items.length > 0} fallback={<Empty>{t("review.noHistory")}</Empty>}>
              <ul>
                <For each={h().items}>
                  {(item) => (
                    <li>
                      {date(item.at)}: {item.contact.displayName} —{" "}
                      {t(`review.decision.${item.decision}`)}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Async>
    </details>
  )
}
