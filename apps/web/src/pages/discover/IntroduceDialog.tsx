/**
 * Asking a contact to introduce me ("Weiterempfehlung"): why I would like to
 * meet the member, pre-written and counted up to the request's limit — it
 * becomes my request's message when they pass it on.
 */
import { defaultPolicy, RequestMessage } from "@kontakt/domain"
import { createEffect, createSignal } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Dialog } from "../../ui/Dialog.js"
import { FormError, TextArea } from "../../ui/Field.js"
import { useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"

const MAX = defaultPolicy.messageMaxLength
type Named = { readonly handle: string; readonly displayName: string }
const first = (m: Named) => m.displayName.split(/\s+/)[0] ?? m.displayName

export const IntroduceDialog = (props: {
  open: boolean
  via: Named
  to: Named
  onClose: () => void
  onAsked: () => void
}) => {
  const { t } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [message, setMessage] = createSignal("")
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const names = () => ({ via: props.via.displayName, name: props.to.displayName })

  createEffect(() => {
    if (props.open)
      setMessage(t("introduce.draft", { via: first(props.via), name: props.to.displayName }))
  })

  const send = async (e: SubmitEvent) => {
    e.preventDefault()
    const parsed = RequestMessage.safeParse(message())
    if (!parsed.success || parsed.data === null) {
      setError(parsed.success ? t("field.required") : t("request.tooLong", { n: String(MAX) }))
      return
    }
    setBusy(true)
    setError(null)
    try {
      await ok(
        api.v1.introductions.$post({
          json: { via: props.via.handle, to: props.to.handle, message: parsed.data },
        }),
      )
      toasts.show(t("introduce.sent", names()))
      props.onAsked()
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog open={props.open} title={t("introduce.title", names())} onClose={props.onClose}>
      <form onSubmit={send} novalidate>
        <TextArea
          label={t("introduce.message", names())}
          hint={t("introduce.hint", names())}
          value={message()}
          rows={5}
          counter={{ length: message().trim().length, max: MAX }}
          onInput={(e) => setMessage(e.currentTarget.value)}
        />
        <FormError error={error()} />
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={busy()}>
            {t("introduce.send", names())}
          </button>
          <button type="button" class="button" onClick={props.onClose}>
            {t("action.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
