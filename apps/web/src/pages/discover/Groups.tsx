/** The groups: join or leave (at once, undone if refused), open one, start one. */
import { A } from "@solidjs/router"
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { TextField } from "../../ui/Field.js"
import { Async, Empty, useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"

const load = () => ok(api.v1.groups.$get({ query: { limit: "100" } }))
export type Group = Awaited<ReturnType<typeof load>>["items"][number]

/** Joins or leaves, optimistically; returns the group as the server has it now. */
export const useMembership = () => {
  const { t } = useI18n()
  const toasts = useToasts()
  return async (group: Group, set: (g: Group) => void) => {
    const join = !group.joined
    set({ ...group, joined: join, memberCount: group.memberCount + (join ? 1 : -1) })
    try {
      await ok(
        join
          ? api.v1.groups[":id"].join.$post({ param: { id: group.id } })
          : api.v1.groups[":id"].leave.$post({ param: { id: group.id } }),
      )
    } catch {
      set(group)
      toasts.show(t("groups.failed"), "error")
    }
  }
}

export const Groups = () => {
  const { t, number } = useI18n()
  const errorText = useErrorText()
  const [list, { mutate, refetch }] = createResource(load)
  const membership = useMembership()
  const [name, setName] = createSignal("")
  const [error, setError] = createSignal<string | null>(null)
  const set = (g: Group) =>
    mutate((l) =>
      l === undefined ? l : { ...l, items: l.items.map((x) => (x.id === g.id ? g : x)) },
    )

  const create = async (e: SubmitEvent) => {
    e.preventDefault()
    if (name().trim() === "") {
      setError(t("field.required"))
      return
    }
    try {
      const g = await ok(api.v1.groups.$post({ json: { name: name().trim() } }))
      mutate((l) => (l === undefined ? l : { ...l, items: [...l.items, g] }))
      setName("")
      setError(null)
    } catch (err) {
      setError(errorText(err))
    }
  }

  return (
    <section aria-labelledby="groups-title">
      <h2 id="groups-title">{t("groups.title")}</h2>
      <Async retry={() => void refetch()}>
        <Show when={list()}>
          {(l) => (
            <Show when={l().items.length > 0} fallback={<Empty>{t("groups.empty")}</Empty>}>
              <ul class="cards grid">
                <For each={l().items}>
                  {(g) => (
                    <li class="card">
                      <A href={`/groups/${g.id}`} class="member-name">
                        {g.name}
                      </A>
                      <p class="muted">{g.description}</p>
                      <p class="muted">{t("groups.members", { n: number(g.memberCount) })}</p>
                      <button
                        type="button"
                        class="button"
                        aria-pressed={g.joined}
                        onClick={() => void membership(g, set)}
                      >
                        {g.joined ? t("groups.leave") : t("groups.join")}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Async>
      <form class="inline-form card" onSubmit={create} novalidate>
        <TextField
          label={t("groups.new")}
          value={name()}
          maxLength={80}
          error={error() ?? undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit" class="button">
          {t("groups.create")}
        </button>
      </form>
    </section>
  )
}
