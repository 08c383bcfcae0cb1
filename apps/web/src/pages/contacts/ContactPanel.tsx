/**
 * One contact, as only I see them: my note on why we connected, my
 * categories, importance, mute, the contacts we share, when the review is
 * due; and deleting, which the other side is never told about.
 */
import { createEffect, createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { CurationFields } from "../../ui/CurationFields.js"
import { Dialog } from "../../ui/Dialog.js"
import { TextArea } from "../../ui/Field.js"
import { MemberLine } from "../../ui/MemberLine.js"
import { settled } from "../../ui/resource.js"
import { Async, useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"
import type { Contact } from "./Contacts.js"

type Category = { readonly id: string; readonly name: string }
type Patch = {
  categoryIds?: string[]
  note?: string
  importance?: Contact["importance"]
  muted?: boolean
}

const load = async (handle: string) => {
  const [contact, profile] = await Promise.all([
    ok(api.v1.contacts[":handle"].$get({ param: { handle } })),
    ok(api.v1.members[":handle"].$get({ param: { handle } })),
  ])
  return { contact, mutual: profile.mutualContacts }
}

export const ContactPanel = (props: {
  handle: string
  categories: readonly Category[]
  onChanged: (next: Contact | null) => void
  onClose: () => void
}) => {
  const { t, date } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [data, { mutate, refetch }] = createResource(() => props.handle, load)
  const [note, setNote] = createSignal("")
  const [confirming, setConfirming] = createSignal(false)
  createEffect(() => setNote(settled(data)?.contact.note ?? ""))

  // Shown at once; put back as it was if the server refuses.
  const save = async (patch: Patch) => {
    const before = data()
    if (before === undefined) return
    mutate({ ...before, contact: { ...before.contact, ...patch } })
    try {
      const saved = await ok(
        api.v1.contacts[":handle"].$patch({ param: { handle: props.handle }, json: patch }),
      )
      mutate({ ...before, contact: saved })
      props.onChanged(saved)
    } catch (e) {
      mutate(before)
      toasts.show(t("contacts.notSaved", { reason: errorText(e) }), "error")
    }
  }

  const remove = async () => {
    setConfirming(false)
    try {
      await ok(api.v1.contacts[":handle"].$delete({ param: { handle: props.handle } }))
      props.onChanged(null)
      toasts.show(t("contacts.deleted"))
      props.onClose()
    } catch (e) {
      toasts.show(errorText(e), "error")
    }
  }

  return (
    <aside class="panel card" aria-labelledby="panel-title">
      <button type="button" class="button button-quiet close" onClick={props.onClose}>
        {t("action.close")}
      </button>
      <Async retry={() => void refetch()}>
        <Show when={data()}>
          {(d) => (
            <>
              <h2 id="panel-title">{d().contact.member.displayName}</h2>
              <MemberLine member={d().contact.member} />
              <p class="muted">
                {t("contacts.since", { date: date(d().contact.connectedAt) })} ·{" "}
                {t("contacts.reviewOn", { date: date(d().contact.reviewDueAt) })}
              </p>
              <form
                onSubmit={(e) => {
                  e.preventDefault()
                  void save({ note: note() })
                }}
              >
                <TextArea
                  label={t("contacts.note")}
                  hint={t("contacts.private")}
                  value={note()}
                  rows={4}
                  maxLength={2000}
                  counter={{ length: note().length, max: 2000 }}
                  onInput={(e) => setNote(e.currentTarget.value)}
                />
                <button type="submit" class="button" disabled={note() === d().contact.note}>
                  {t("contacts.saveNote")}
                </button>
              </form>
              <CurationFields
                categories={props.categories}
                categoryIds={d().contact.categoryIds}
                importance={d().contact.importance}
                onChange={(patch) => void save(patch)}
              />
              <label class="toggle">
                <input
                  type="checkbox"
                  checked={d().contact.muted}
                  onChange={(e) => void save({ muted: e.currentTarget.checked })}
                />{" "}
                {t("contacts.mute")}
                <span class="hint">{t("contacts.muteHint")}</span>
              </label>
              <h3>{t("contacts.mutual", { n: String(d().mutual.length) })}</h3>
              <Show
                when={d().mutual.length > 0}
                fallback={<p class="muted">{t("contacts.noMutual")}</p>}
              >
                <ul class="mini-list">
                  <For each={d().mutual}>
                    {(m) => (
                      <li>
                        <MemberLine member={m} />
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <button
                type="button"
                class="button button-danger"
                onClick={() => setConfirming(true)}
              >
                {t("contacts.delete")}
              </button>
              <Dialog
                open={confirming()}
                title={t("contacts.deleteTitle", { name: d().contact.member.displayName })}
                onClose={() => setConfirming(false)}
              >
                <p>{t("contacts.deleteSilent", { name: d().contact.member.displayName })}</p>
                <div class="actions">
                  <button type="button" class="button button-danger" onClick={() => void remove()}>
                    {t("contacts.deleteConfirm")}
                  </button>
                  <button type="button" class="button" onClick={() => setConfirming(false)}>
                    {t("action.cancel")}
                  </button>
                </div>
              </Dialog>
            </>
          )}
        </Show>
      </Async>
    </aside>
  )
}
