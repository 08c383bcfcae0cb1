/**
 * The first run: a photo and a headline (what others see before accepting),
 * groups to join (where people find each other), and how requests are judged
 * — explained in plain words. Every step can be skipped and changed later.
 */
import type { AcceptancePolicy } from "@kontakt/domain"
import { A, useNavigate } from "@solidjs/router"
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { useSession } from "../../session.js"
import { FormError, TextField } from "../../ui/Field.js"
import { Async, Empty, useErrorText } from "../../ui/States.js"
import { type Group, useMembership } from "../discover/Groups.js"
import { AcceptanceEditor } from "../settings/AcceptanceEditor.js"
import { PhotoSection } from "../settings/PhotoSection.js"

export const Welcome = () => {
  const { t } = useI18n()
  const session = useSession()
  const navigate = useNavigate()
  const errorText = useErrorText()
  const membership = useMembership()
  const [groups, { mutate, refetch }] = createResource(() =>
    ok(api.v1.groups.$get({ query: { limit: "100" } })),
  )
  const [headline, setHeadline] = createSignal(session.me()?.headline ?? "")
  const [acceptance, setAcceptance] = createSignal<AcceptancePolicy>(
    session.me()?.settings.acceptance ?? { mode: "manual" },
  )
  const [findable, setFindable] = createSignal(session.me()?.settings.findableByEmail ?? false)
  const [error, setError] = createSignal<string | null>(null)
  const setGroup = (g: Group) =>
    mutate((l) =>
      l === undefined ? l : { ...l, items: l.items.map((x) => (x.id === g.id ? g : x)) },
    )

  // What was chosen is kept before leaving, for the feed or for the import.
  const finish = async (next = "/") => {
    try {
      session.set(
        await ok(
          api.v1.me.$patch({
            json: {
              headline: headline(),
              settings: { acceptance: acceptance(), findableByEmail: findable() },
            },
          }),
        ),
      )
      navigate(next)
    } catch (e) {
      setError(errorText(e))
    }
  }

  return (
    <section class="welcome">
      <h1>{t("welcome.title", { name: session.me()?.displayName ?? "" })}</h1>
      <p class="lead">{t("welcome.intro")}</p>
      <ol class="steps">
        <li>
          <Show when={session.me()}>{(me) => <PhotoSection me={me()} />}</Show>
        </li>
        <li class="card">
          <h2>{t("welcome.headlineTitle")}</h2>
          <TextField
            label={t("settings.headline")}
            hint={t("welcome.headlineHint")}
            value={headline()}
            maxLength={120}
            onInput={(e) => setHeadline(e.currentTarget.value)}
          />
        </li>
        <li class="card">
          <h2>{t("welcome.groupsTitle")}</h2>
          <p class="hint">{t("welcome.groupsHint")}</p>
          <Async retry={() => void refetch()}>
            <Show when={groups()}>
              {(l) => (
                <Show when={l().items.length > 0} fallback={<Empty>{t("groups.empty")}</Empty>}>
                  <ul class="mini-list">
                    <For each={l().items}>
                      {(g) => (
                        <li>
                          <label>
                            <input
                              type="checkbox"
                              checked={g.joined}
                              onChange={() => void membership(g, setGroup)}
                            />{" "}
                            {g.name} <span class="muted">{g.description}</span>
                          </label>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              )}
            </Show>
          </Async>
        </li>
        <li class="card">
          <h2>{t("welcome.policyTitle")}</h2>
          <p class="hint">{t("welcome.policyHint")}</p>
          <AcceptanceEditor value={acceptance()} onChange={setAcceptance} />
        </li>
        <li class="card">
          <h2>{t("welcome.networkTitle")}</h2>
          <p class="hint">{t("welcome.networkHint")}</p>
          <label class="toggle">
            <input
              type="checkbox"
              checked={findable()}
              onChange={(e) => setFindable(e.currentTarget.checked)}
            />{" "}
            {t("settings.findable")}
            <span class="hint">{t("settings.findableHint")}</span>
          </label>
          <button
            type="button"
            class="button"
            onClick={() => void finish("/address-book?import=1")}
          >
            {t("welcome.importNow")}
          </button>
        </li>
      </ol>
      <FormError error={error()} />
      <div class="actions">
        <button type="button" class="button button-primary" onClick={() => void finish()}>
          {t("welcome.done")}
        </button>
        <A href="/">{t("welcome.skip")}</A>
      </div>
    </section>
  )
}
