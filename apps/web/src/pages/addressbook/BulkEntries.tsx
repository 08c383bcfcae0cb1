/**
 * The selected people of my address book, at once: into one of my categories
 * (their other categories stay), invited to kontakt, or deleted.
 */
import { createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { useToasts } from "../../ui/Toasts.js"
import type { Entry } from "./AddressBook.js"

export const BulkEntries = (props: {
  readonly selected: readonly Entry[]
  readonly categories: readonly { readonly id: string; readonly name: string }[]
  readonly onChanged: (id: string, next: Entry | null) => void
  readonly onInvite: (entries: readonly Entry[]) => void
  readonly onClear: () => void
}) => {
  const { t } = useI18n()
  const toasts = useToasts()
  const [category, setCategory] = createSignal("")
  const [busy, setBusy] = createSignal(false)

  /** Runs `act` on each selected entry; says how many failed, or `done` when none did. */
  const each = async (act: (e: Entry) => Promise<void>, done: string) => {
    setBusy(true)
    let failed = 0
    for (const e of props.selected) {
      try {
        await act(e)
      } catch {
        failed++
      }
    }
    setBusy(false)
    if (failed > 0) toasts.show(t("addressBook.bulkFailed", { n: String(failed) }), "error")
    else {
      toasts.show(done)
      props.onClear()
    }
  }

  const file = () => {
    const id = category()
    if (id === "") return
    const name = props.categories.find((c) => c.id === id)?.name ?? ""
    void each(
      async (e) => {
        if (e.categoryIds.includes(id)) return
        const next = await ok(
          api.v1["address-book"][":id"].$patch({
            param: { id: e.id },
            json: { categoryIds: [...e.categoryIds, id] },
          }),
        )
        props.onChanged(e.id, next)
      },
      t("addressBook.bulkDone", { n: String(props.selected.length), name }),
    )
  }

  const remove = () =>
    void each(
      async (e) => {
        await ok(api.v1["address-book"][":id"].$delete({ param: { id: e.id } }))
        props.onChanged(e.id, null)
      },
      t("addressBook.bulkDeleted", { n: String(props.selected.length) }),
    )

  return (
    <Show when={props.selected.length > 0}>
      <section class="bulk-bar" aria-label={t("addressBook.bulkTitle")}>
        <span>{t("addressBook.selected", { n: String(props.selected.length) })}</span>
        <label>
          {t("addressBook.bulkCategory")}
          <select value={category()} onChange={(e) => setCategory(e.currentTarget.value)}>
            <option value="">{t("contacts.bulkChoose")}</option>
            <For each={props.categories}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </select>
        </label>
        <button type="button" class="button" disabled={busy() || category() === ""} onClick={file}>
          {t("addressBook.bulkApply")}
        </button>
        <button
          type="button"
          class="button"
          disabled={busy()}
          onClick={() => props.onInvite(props.selected)}
        >
          {t("addressBook.bulkInvite")}
        </button>
        <button type="button" class="button button-danger" disabled={busy()} onClick={remove}>
          {t("addressBook.bulkDelete")}
        </button>
        <button type="button" class="button button-quiet" onClick={() => props.onClear()}>
          {t("contacts.bulkClear")}
        </button>
      </section>
    </Show>
  )
}
