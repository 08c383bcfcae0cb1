/**
 * Accepting a request: choose categories (or make one) and keep the note on
 * why we connected — pre-filled from how they found me and what they wrote.
 */
import { recipientNote } from "@kontakt/domain"
import { createEffect, createResource, createSignal, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { CategoryChecks } from "../../ui/CategoryChecks.js"
import { Dialog } from "../../ui/Dialog.js"
import { FormError, TextArea, TextField } from "../../ui/Field.js"
import { settled } from "../../ui/resource.js"
import { useErrorText } from "../../ui/States.js"
import { createSelection } from "../../ui/selection.js"
import { useToasts } from "../../ui/Toasts.js"
import { groupName } from "./FoundViaText.js"
import type { IncomingRequest } from "./IncomingCard.js"

const loadCategories = () => ok(api.v1.categories.$get())

export const AcceptDialog = (props: {
  open: boolean
  request: IncomingRequest
  onClose: () => void
  onAccepted: () => void
}) => {
  const { t, locale } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [categories, { refetch }] = createResource(() => props.open, loadCategories)
  const chosen = createSelection()
  const [note, setNote] = createSignal("")
  const [newName, setNewName] = createSignal("")
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  createEffect(async () => {
    if (!props.open) return
    const via = props.request.foundVia
    const name = via?.kind === "group" ? await groupName(via.groupId) : null
    setNote(
      recipientNote(locale(), {
        foundVia: via,
        groupName: name,
        message: props.request.message,
        introducerNote: props.request.introduction?.note ?? null,
      }),
    )
  })

  const addCategory = async () => {
    const name = newName().trim()
    if (name === "") return
    try {
      const created = await ok(api.v1.categories.$post({ json: { name } }))
      setNewName("")
      await refetch()
      chosen.set(created.id, true)
    } catch (e) {
      setError(errorText(e))
    }
  }

  const accept = async (e: SubmitEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await ok(
        api.v1.requests[":id"].accept.$post({
          param: { id: props.request.id },
          json: { categoryIds: [...chosen.keys()], note: note() },
        }),
      )
      toasts.show(t("inbox.accepted", { name: props.request.from.displayName }))
      props.onAccepted()
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      open={props.open}
      title={t("accept.title", { name: props.request.from.displayName })}
      onClose={props.onClose}
    >
      <form onSubmit={accept}>
        <fieldset>
          <legend>{t("accept.categories")}</legend>
          <Show
            when={(settled(categories)?.items.length ?? 0) > 0}
            fallback={<p class="muted">{t("accept.noCategories")}</p>}
          >
            <CategoryChecks categories={settled(categories)?.items ?? []} chosen={chosen} />
          </Show>
          <div class="inline-form">
            <TextField
              label={t("accept.newCategory")}
              value={newName()}
              maxLength={64}
              onInput={(e) => setNewName(e.currentTarget.value)}
            />
            <button type="button" class="button" onClick={addCategory}>
              {t("accept.addCategory")}
            </button>
          </div>
        </fieldset>
        <TextArea
          label={t("accept.note")}
          hint={t("accept.noteHint")}
          value={note()}
          rows={4}
          maxLength={2000}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <FormError error={error()} />
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={busy()}>
            {t("accept.confirm")}
          </button>
          <button type="button" class="button" onClick={props.onClose}>
            {t("action.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
