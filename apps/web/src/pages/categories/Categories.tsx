/**
 * My categories (XING's "Kontaktkategorien"): the reasons I file contacts
 * under. Create, rename, delete, and give one its own review cadence.
 */
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { TextField } from "../../ui/Field.js"
import { Async, Empty, useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"
import { CategoryRow } from "./CategoryRow.js"

const load = () => ok(api.v1.categories.$get())
export type Category = Awaited<ReturnType<typeof load>>["items"][number]

export const Categories = () => {
  const { t } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [list, { mutate, refetch }] = createResource(load)
  const [name, setName] = createSignal("")
  const [error, setError] = createSignal<string | null>(null)

  const create = async (e: SubmitEvent) => {
    e.preventDefault()
    if (name().trim() === "") {
      setError(t("field.required"))
      return
    }
    setError(null)
    try {
      const created = await ok(api.v1.categories.$post({ json: { name: name().trim() } }))
      mutate((l) => (l === undefined ? l : { ...l, items: [...l.items, created] }))
      setName("")
      toasts.show(t("categories.created", { name: created.name }))
    } catch (err) {
      setError(errorText(err))
    }
  }

  const replace = (id: string, next: Category | null) =>
    mutate((l) =>
      l === undefined
        ? l
        : {
            ...l,
            items:
              next === null
                ? l.items.filter((c) => c.id !== id)
                : l.items.map((c) => (c.id === id ? next : c)),
          },
    )

  return (
    <section>
      <h1>{t("categories.title")}</h1>
      <p class="lead">{t("categories.intro")}</p>
      <form class="inline-form card" onSubmit={create} novalidate>
        <TextField
          label={t("categories.new")}
          value={name()}
          maxLength={64}
          error={error() ?? undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit" class="button button-primary">
          {t("categories.create")}
        </button>
      </form>
      <Async retry={() => void refetch()}>
        <Show when={list()}>
          {(l) => (
            <Show when={l().items.length > 0} fallback={<Empty>{t("categories.empty")}</Empty>}>
              <ul class="cards">
                <For each={l().items}>
                  {(c) => (
                    <li>
                      <CategoryRow category={c} onChanged={(next) => replace(c.id, next)} />
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
