/**
 * Asking someone to connect: a short note saying why, pre-written from how
 * I found them ("Hallo Sandra, habe Dich in der Gruppe K. gefunden …") and
 * counted live up to 300 characters — LinkedIn's limit; and, only for me,
 * the categories I file them under once they accept.
 */
import { defaultPolicy, RequestMessage } from "@kontakt/domain"
import { createEffect, createResource, createSignal, Show } from "solid-js"
import { ApiError, api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { CategoryChecks } from "../../ui/CategoryChecks.js"
import { Dialog } from "../../ui/Dialog.js"
import { FormError, TextArea } from "../../ui/Field.js"
import { settled } from "../../ui/resource.js"
import { useErrorText } from "../../ui/States.js"
import { createSelection } from "../../ui/selection.js"
import { useToasts } from "../../ui/Toasts.js"

export type FoundVia =
  | { readonly kind: "group"; readonly groupId: string; readonly groupName: string }
  | { readonly kind: "contact"; readonly handle: string; readonly name: string }
  /** A contact recommended them to me (sent as found through that contact). */
  | { readonly kind: "recommended"; readonly handle: string; readonly name: string }
  | { readonly kind: "suggestion"; readonly mutual: number }
  | { readonly kind: "post"; readonly postId: string }
  | { readonly kind: "search" }
  /** An entry of my address book turned out to be them; the API wrote the draft. */
  | {
      readonly kind: "import"
      readonly source: "linkedin" | "xing" | "vcard" | "csv" | "manual"
      readonly draft: string
    }

const MAX = defaultPolicy.messageMaxLength
const loadCategories = () => ok(api.v1.categories.$get())

export const RequestDialog = (props: {
  open: boolean
  to: { readonly handle: string; readonly displayName: string }
  foundVia: FoundVia
  onClose: () => void
  /** Sent (`connected`: it crossed their request, or their policy accepted at once). */
  onSent: (connected: boolean) => void
}) => {
  const { t, date } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [message, setMessage] = createSignal("")
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [categories] = createResource(() => props.open, loadCategories)
  const chosen = createSelection()
  const firstName = () => props.to.displayName.split(/\s+/)[0] ?? props.to.displayName

  createEffect(() => {
    if (!props.open) return
    const via = props.foundVia
    const name = firstName()
    setMessage(
      via.kind === "group"
        ? t("request.draft.group", { name, group: via.groupName })
        : via.kind === "contact"
          ? t("request.draft.contact", { name, via: via.name })
          : via.kind === "recommended"
            ? t("request.draft.recommended", { name, via: via.name })
            : via.kind === "suggestion"
              ? t("request.draft.suggestion", { name, n: String(via.mutual) })
              : via.kind === "post"
                ? t("request.draft.post", { name })
                : via.kind === "import"
                  ? via.draft
                  : t("request.draft.search", { name }),
    )
  })

  const send = async (e: SubmitEvent) => {
    e.preventDefault()
    const parsed = RequestMessage.safeParse(message())
    if (!parsed.success) {
      setError(t("request.tooLong", { n: String(MAX) }))
      return
    }
    setBusy(true)
    setError(null)
    const via = props.foundVia
    try {
      const result = await ok(
        api.v1.requests.$post({
          json: {
            to: props.to.handle,
            ...(parsed.data === null ? {} : { message: parsed.data }),
            ...(chosen.keys().size === 0 ? {} : { categoryIds: [...chosen.keys()] }),
            foundVia:
              via.kind === "group"
                ? { kind: "group", groupId: via.groupId }
                : via.kind === "contact" || via.kind === "recommended"
                  ? { kind: "contact", handle: via.handle }
                  : via.kind === "post"
                    ? { kind: "post", postId: via.postId }
                    : via.kind === "import"
                      ? { kind: "import", source: via.source }
                      : { kind: via.kind },
          },
        }),
      )
      const connected = "contact" in result
      toasts.show(
        connected
          ? t("request.connected", { name: props.to.displayName })
          : t("request.sent", { name: props.to.displayName }),
      )
      props.onSent(connected)
    } catch (err) {
      if (err instanceof ApiError && err.retryAfterSeconds !== null)
        setError(
          `${errorText(err)} ${t("request.tryAgainFrom", {
            date: date(new Date(Date.now() + err.retryAfterSeconds * 1000)),
          })}`,
        )
      else setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      open={props.open}
      title={t("request.title", { name: props.to.displayName })}
      onClose={props.onClose}
    >
      <form onSubmit={send} novalidate>
        <TextArea
          label={t("request.message")}
          hint={t("request.hint")}
          value={message()}
          rows={5}
          counter={{ length: message().trim().length, max: MAX }}
          error={
            message().trim().length > MAX ? t("request.tooLong", { n: String(MAX) }) : undefined
          }
          onInput={(e) => setMessage(e.currentTarget.value)}
        />
        <Show when={(settled(categories)?.items.length ?? 0) > 0}>
          <fieldset>
            <legend>{t("request.categories")}</legend>
            <CategoryChecks categories={settled(categories)?.items ?? []} chosen={chosen} />
          </fieldset>
        </Show>
        <FormError error={error()} />
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={busy()}>
            {t("request.send")}
          </button>
          <button type="button" class="button" onClick={props.onClose}>
            {t("action.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
