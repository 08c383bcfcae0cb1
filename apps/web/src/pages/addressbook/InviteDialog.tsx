/**
 * Inviting people who are not on kontakt yet: for the chosen address book
 * entries, or for emails typed in (or one link to pass on), with my words.
 * kontakt sends no email: each link is shown once, to copy or to send in an
 * email of my own (a `mailto:` with my words and the link).
 */
import { createEffect, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Dialog } from "../../ui/Dialog.js"
import { FormError, TextArea } from "../../ui/Field.js"
import { useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"
import type { Entry } from "./AddressBook.js"

type Created = Awaited<ReturnType<typeof create>>["items"][number]
const create = (json: { entryIds?: string[]; emails?: string[]; message: string }) =>
  ok(api.v1.invitations.$post({ json }))

/** An email of my own with my words and the link, for my mail program. */
export const mailtoOf = (to: string | null, subject: string, message: string, url: string) =>
  `mailto:${to === null ? "" : encodeURIComponent(to)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(`${message}\n\n${url}`)}`

export const InviteDialog = (props: {
  /** The entries to invite; an empty list asks for emails; null: closed. */
  entries: readonly Entry[] | null
  onClose: () => void
  /** The links were made (the address book clears its selection). */
  onDone?: () => void
}) => {
  const { t } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [emails, setEmails] = createSignal("")
  const [message, setMessage] = createSignal("")
  const [created, setCreated] = createSignal<readonly Created[] | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  createEffect(() => {
    if (props.entries === null) return
    setCreated(null)
    setError(null)
    setEmails("")
    setMessage(t("invitations.messageDefault"))
  })
  const nameOf = (i: Created) =>
    props.entries?.find((e) => e.id === i.entryId)?.displayName ??
    i.email ??
    t("invitations.anyone")

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    const typed = emails()
      .split(/[\s,;]+/)
      .map((x) => x.trim())
      .filter((x) => x !== "")
    try {
      const made = await create({
        ...((props.entries?.length ?? 0) > 0
          ? { entryIds: (props.entries ?? []).map((x) => x.id) }
          : {}),
        ...(typed.length > 0 ? { emails: typed } : {}),
        message: message(),
      })
      setCreated(made.items)
      props.onDone?.()
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url)
      toasts.show(t("invitations.copied"))
    } catch {
      toasts.show(url)
    }
  }

  return (
    <Dialog
      open={props.entries !== null}
      title={t("invitations.dialogTitle")}
      onClose={props.onClose}
    >
      <Show
        when={created()}
        fallback={
          <form onSubmit={submit} novalidate>
            <Show
              when={(props.entries?.length ?? 0) > 0}
              fallback={
                <TextArea
                  label={t("invitations.emails")}
                  hint={t("invitations.emailsHint")}
                  value={emails()}
                  rows={3}
                  onInput={(e) => setEmails(e.currentTarget.value)}
                />
              }
            >
              <p>{(props.entries ?? []).map((e) => e.displayName).join(", ")}</p>
            </Show>
            <TextArea
              label={t("invitations.message")}
              value={message()}
              rows={4}
              maxLength={300}
              counter={{ length: message().trim().length, max: 300 }}
              onInput={(e) => setMessage(e.currentTarget.value)}
            />
            <FormError error={error()} />
            <div class="actions">
              <button type="submit" class="button button-primary" disabled={busy()}>
                {t("invitations.createButton")}
              </button>
              <button type="button" class="button" onClick={props.onClose}>
                {t("action.cancel")}
              </button>
            </div>
          </form>
        }
      >
        {(links) => (
          <>
            <p class="hint">{t("invitations.created")}</p>
            <ul class="invitation-links">
              <For each={links()}>
                {(i) => (
                  <li>
                    <strong>{nameOf(i)}</strong>
                    <input type="text" readonly value={i.url} aria-label={t("invitations.copy")} />
                    <button type="button" class="button" onClick={() => void copy(i.url)}>
                      {t("invitations.copy")}
                    </button>
                    <a
                      class="button button-quiet"
                      href={mailtoOf(i.email, t("invitations.mailSubject"), i.message ?? "", i.url)}
                    >
                      {t("invitations.mail")}
                    </a>
                  </li>
                )}
              </For>
            </ul>
            <div class="actions">
              <button type="button" class="button button-primary" onClick={props.onClose}>
                {t("action.close")}
              </button>
            </div>
          </>
        )}
      </Show>
    </Dialog>
  )
}
