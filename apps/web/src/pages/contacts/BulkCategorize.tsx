/**
 * The selected contacts put into one of my categories at once (their other
 * categories stay): the way to sort later what an "accept every request"
 * policy let in.
 */
import { createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { useToasts } from "../../ui/Toasts.js"
import type { Contact } from "./Contacts.js"

export const BulkCategorize = (props: {
  readonly selected: readonly Contact[]
  readonly categories: readonly { readonly id: string; readonly name: string }[]
  readonly onChanged: (next: Contact) => void
  readonly onClear: () => void
}) => {
  const { t } = useI18n()
  const toasts = useToasts()
  const [category, setCategory] = createSignal("")
  const [busy, setBusy] = createSignal(false)

  const apply = async () => {
    const id = category()
    if (id === "") return
    setBusy(true)
    let failed = 0
    for (const c of props.selected) {
      if (c.categoryIds.includes(id)) continue
      try {
        const next = await ok(
          api.v1.contacts[":handle"].$patch({
            param: { handle: c.member.handle },
            json: { categoryIds: [...c.categoryIds, id] },
          }),
        )
        props.onChanged(next)
      } catch {
        failed++
      }
    }
    setBusy(false)
    const name = props.categories.find((c) => c.id === id)?.name ?? ""
    if (failed > 0) toasts.show(t("contacts.bulkFailed", { n: String(failed) }), "error")
    else {
      toasts.show(t("contacts.bulkDone", { n: String(props.selected.length), name }))
      props.onClear()
    }
  }

  return (
    <Show when={props.selected.length > 0}>
      <section class="bulk-bar" aria-label={t("contacts.bulkTitle")}>
        <span>{t("contacts.selected", { n: String(props.selected.length) })}</span>
        <label>
          {t("contacts.bulkCategory")}
          <select value={category()} onChange={(e) => setCategory(e.currentTarget.value)}>
            <option value="">{t("contacts.bulkChoose")}</option>
            <For each={props.categories}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </select>
        </label>
        <button
          type="button"
          class="button"
          disabled={busy() || category() === ""}
          onClick={() => void apply()}
        >
          {t("contacts.bulkApply")}
        </button>
        <button type="button" class="button button-quiet" onClick={() => props.onClear()}>
          {t("contacts.bulkClear")}
        </button>
      </section>
    </Show>
  )
}
