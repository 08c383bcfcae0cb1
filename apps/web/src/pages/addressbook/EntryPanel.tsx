/**
 * One person of my address book, as only I see them: what I know of them
 * (emails, phones, profiles, company, where we connected), my note, my
 * categories and importance; asking them to connect if they are on kontakt,
 * inviting them if not; deleting them from my book.
 */
import { createEffect, createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { CurationFields } from "../../ui/CurationFields.js"
import { TextArea } from "../../ui/Field.js"
import { settled } from "../../ui/resource.js"
import { Async, useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"
import type { Entry } from "./AddressBook.js"

type Category = { readonly id: string; readonly name: string }
type Patch = { categoryIds?: string[]; note?: string; importance?: Entry["importance"] }

export const EntryPanel = (props: {
  id: string
  categories: readonly Category[]
  onChanged: (next: Entry | null) => void
  onInvite: (entry: Entry) => void
  onAsk: (entry: Entry) => void
  onClose: () => void
}) => {
  const { t, date } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [entry, { mutate, refetch }] = createResource(
    () => props.id,
    (id) => ok(api.v1["address-book"][":id"].$get({ param: { id } })),
  )
  const [note, setNote] = createSignal("")
  createEffect(() => setNote(settled(entry)?.note ?? ""))

  // Shown at once; put back as it was if the server refuses.
  const save = async (patch: Patch) => {
    const before = entry()
    if (before === undefined) return
    mutate({ ...before, ...patch })
    try {
      const saved = await ok(
        api.v1["address-book"][":id"].$patch({ param: { id: props.id }, json: patch }),
      )
      mutate(saved)
      props.onChanged(saved)
    } catch (e) {
      mutate(before)
      toasts.show(t("contacts.notSaved", { reason: errorText(e) }), "error")
    }
  }

  const decide = async (decision: "keep" | "later") => {
    const before = entry()
    if (before === undefined) return
    try {
      const saved = await ok(
        api.v1["address-book"][":id"].review.$post({
          param: { id: props.id },
          json: decision === "keep" ? { decision: "keep" } : { decision: "snooze", snoozeDays: 30 },
        }),
      )
      if (saved !== null) {
        mutate(saved)
        props.onChanged(saved)
      }
      toasts.show(
        t(decision === "keep" ? "addressBook.kept" : "addressBook.postponed", {
          name: before.displayName,
        }),
      )
    } catch (e) {
      toasts.show(errorText(e), "error")
    }
  }

  const remove = async () => {
    try {
      await ok(api.v1["address-book"][":id"].$delete({ param: { id: props.id } }))
      props.onChanged(null)
      toasts.show(t("addressBook.deleted"))
      props.onClose()
    } catch (e) {
      toasts.show(errorText(e), "error")
    }
  }

  return (
    <aside class="panel card" aria-labelledby="entry-title">
      <button type="button" class="button button-quiet close" onClick={props.onClose}>
        {t("action.close")}
      </button>
      <Async retry={() => void refetch()}>
        <Show when={entry()}>
          {(e) => (
            <>
              <h2 id="entry-title">{e().displayName}</h2>
              <p class="muted">
                {[e().position, e().company].filter((x) => x !== null).join(" · ")}
              </p>
              <p class="muted small">
                {t(`addressBook.from.${e().source}`)}
                <Show when={e().connectedAt}>
                  {(at) => <> · {t("addressBook.connectedOn", { date: date(at()) })}</>}
                </Show>
              </p>
              <Show
                when={e().onKontakt}
                fallback={
                  <button type="button" class="button" onClick={() => props.onInvite(e())}>
                    {t("addressBook.invite")}
                  </button>
                }
              >
                {(on) => (
                  <p>
                    <span class="tag tag-on">{t("addressBook.onKontakt")}</span>{" "}
                    <a href={`/members/${on().member.handle}`}>@{on().member.handle}</a>{" "}
                    <Show when={on().relationship === "none"}>
                      <button type="button" class="button" onClick={() => props.onAsk(e())}>
                        {t("addressBook.sendRequest")}
                      </button>
                    </Show>
                  </p>
                )}
              </Show>
              <dl class="details">
                <For
                  each={
                    [
                      ["emails", e().emails],
                      ["phones", e().phones],
                      ["links", e().urls],
                    ] as const
                  }
                >
                  {([key, values]) => (
                    <Show when={values.length > 0}>
                      <dt>{t(`addressBook.${key}`)}</dt>
                      <For each={values}>{(v) => <dd>{v}</dd>}</For>
                    </Show>
                  )}
                </For>
              </dl>
              <form
                onSubmit={(ev) => {
                  ev.preventDefault()
                  void save({ note: note() })
                }}
              >
                <TextArea
                  label={t("addressBook.note")}
                  hint={t("contacts.private")}
                  value={note()}
                  rows={4}
                  maxLength={2000}
                  counter={{ length: note().length, max: 2000 }}
                  onInput={(ev) => setNote(ev.currentTarget.value)}
                />
                <button type="submit" class="button" disabled={note() === e().note}>
                  {t("addressBook.saveNote")}
                </button>
              </form>
              <CurationFields
                categories={props.categories}
                categoryIds={e().categoryIds}
                importance={e().importance}
                onChange={(patch) => void save(patch)}
              />
              <section aria-labelledby="entry-review">
                <h3 id="entry-review">{t("addressBook.reviewTitle")}</h3>
                <p class="hint">{t("addressBook.reviewHint", { date: date(e().reviewDueAt) })}</p>
                <div class="actions">
                  <button type="button" class="button" onClick={() => void decide("keep")}>
                    {t("addressBook.keep")}
                  </button>
                  <button type="button" class="button" onClick={() => void decide("later")}>
                    {t("addressBook.later")}
                  </button>
                  <button type="button" class="button button-danger" onClick={() => void remove()}>
                    {t("addressBook.deleteEntry")}
                  </button>
                </div>
              </section>
            </>
          )}
        </Show>
      </Async>
    </aside>
  )
}
