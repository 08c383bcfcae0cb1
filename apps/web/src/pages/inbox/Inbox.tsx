/**
 * The inbox: requests waiting for me (with the acceptance policy's verdict
 * and its reasons), the ones I ignored (still acceptable), my own sent
 * requests (which I can withdraw), and introductions (asks of me, and mine).
 */
import { A, useSearchParams } from "@solidjs/router"
import { createResource, For, Match, Show, Switch } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Async, Empty } from "../../ui/States.js"
import { IncomingCard } from "./IncomingCard.js"
import { IntroductionsList } from "./IntroductionsList.js"
import { SentList } from "./SentList.js"

type Tab = "pending" | "ignored" | "sent" | "introductions"
const TABS: readonly Tab[] = ["pending", "ignored", "sent", "introductions"]

const loadIncoming = (state: "pending" | "ignored") =>
  ok(api.v1.requests.incoming.$get({ query: { state, limit: "100" } }))

export const Inbox = () => {
  const { t } = useI18n()
  const [params] = useSearchParams()
  const tab = (): Tab => (TABS.includes(params["tab"] as Tab) ? (params["tab"] as Tab) : "pending")
  const [incoming, { mutate, refetch }] = createResource(() => {
    const current = tab()
    return current === "sent" || current === "introductions" ? false : current
  }, loadIncoming)
  const remove = (id: string) =>
    mutate((p) => (p === undefined ? p : { ...p, items: p.items.filter((r) => r.id !== id) }))

  return (
    <section>
      <h1>{t("inbox.title")}</h1>
      <nav class="tabs" aria-label={t("inbox.tabs")}>
        <For each={TABS}>
          {(name) => (
            <A
              href={name === "pending" ? "/inbox" : `/inbox?tab=${name}`}
              aria-current={tab() === name ? "page" : undefined}
              classList={{ active: tab() === name }}
            >
              {t(`inbox.tab.${name}`)}
            </A>
          )}
        </For>
      </nav>
      <Switch>
        <Match when={tab() === "sent"}>
          <SentList />
        </Match>
        <Match when={tab() === "introductions"}>
          <IntroductionsList />
        </Match>
        <Match when={tab() === "pending" || tab() === "ignored"}>
          <Show when={tab() === "ignored"}>
            <p class="muted">{t("inbox.ignoredHint")}</p>
          </Show>
          <Async retry={() => void refetch()}>
            <Show when={incoming()}>
              {(page) => (
                <Show
                  when={page().items.length > 0}
                  fallback={
                    <Empty>
                      {tab() === "pending" ? t("inbox.emptyPending") : t("inbox.emptyIgnored")}
                    </Empty>
                  }
                >
                  <ul class="cards">
                    <For each={page().items}>
                      {(request) => (
                        <li>
                          <IncomingCard
                            request={request}
                            onGone={() => remove(request.id)}
                            onBack={() => void refetch()}
                          />
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              )}
            </Show>
          </Async>
        </Match>
      </Switch>
    </section>
  )
}
