/**
 * Recommending a member to some of my contacts: find and tick them, add a
 * note; each of them is told and can ask the member to connect.
 */
import { defaultPolicy } from "@kontakt/domain"
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Dialog } from "../../ui/Dialog.js"
import { FormError, TextArea } from "../../ui/Field.js"
import { MemberLine } from "../../ui/MemberLine.js"
import { Async, useErrorText } from "../../ui/States.js"
import { createSelection } from "../../ui/selection.js"
import { useToasts } from "../../ui/Toasts.js"

const NOTE_MAX = defaultPolicy.introductionNoteMaxLength
const MOST = 20
const findContacts = (q: string) =>
  ok(api.v1.contacts.$get({ query: { limit: "20", ...(q === "" ? {} : { q }) } }))

export const RecommendDialog = (props: {
  open: boolean
  member: { readonly handle: string; readonly displayName: string }
  onClose: () => void
}) => {
  const { t } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [q, setQ] = createSignal("")
  const chosen = createSelection()
  const [note, setNote] = createSignal("")
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [contacts, { refetch }] = createResource(
    () => (props.open ? q() : false),
    (query) => findContacts(query),
  )

  const send = async (e: SubmitEvent) => {
    e.preventDefault()
    if (chosen.keys().size === 0) {
      setError(t("recommend.none"))
      return
    }
    setBusy(true)
    setError(null)
    const text = note().trim()
    try {
      await ok(
        api.v1.members[":handle"].recommend.$post({
          param: { handle: props.member.handle },
          json: { to: [...chosen.keys()], ...(text === "" ? {} : { note: text }) },
        }),
      )
      toasts.show(t("recommend.sent", { n: String(chosen.keys().size) }))
      chosen.clear()
      setNote("")
      props.onClose()
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      open={props.open}
      title={t("recommend.title", { name: props.member.displayName })}
      onClose={props.onClose}
    >
      <form onSubmit={send} novalidate>
        <label class="field">
          {t("recommend.search")}
          <input type="search" value={q()} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <fieldset>
          <legend>{t("recommend.to")}</legend>
          <Async retry={() => void refetch()}>
            <Show when={contacts()}>
              {(page) => {
                const others = () =>
                  page().items.filter((c) => c.member.handle !== props.member.handle)
                return (
                  <Show
                    when={others().length > 0}
                    fallback={<p class="muted">{t("recommend.noContacts")}</p>}
                  >
                    <ul class="mini-list">
                      <For each={others()}>
                        {(c) => (
                          <li>
                            <label class="check">
                              <input
                                type="checkbox"
                                checked={chosen.has(c.member.handle)}
                                disabled={
                                  !chosen.has(c.member.handle) && chosen.keys().size >= MOST
                                }
                                onChange={(e) =>
                                  chosen.set(c.member.handle, e.currentTarget.checked)
                                }
                              />
                              <MemberLine member={c.member} />
                            </label>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                )
              }}
            </Show>
          </Async>
        </fieldset>
        <TextArea
          label={t("recommend.note")}
          hint={t("recommend.hint", { name: props.member.displayName })}
          value={note()}
          rows={3}
          counter={{ length: note().trim().length, max: NOTE_MAX }}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <FormError error={error()} />
        <div class="actions">
          <button
            type="submit"
            class="button button-primary"
            disabled={busy() || note().trim().length > NOTE_MAX}
          >
            {t("recommend.send")}
          </button>
          <button type="button" class="button" onClick={props.onClose}>
            {t("action.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
