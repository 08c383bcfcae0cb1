/**
 * Sharing a post with my contacts, with words of my own if I like (seed 2:
 * "teile den Link"): they appear on the item for everyone it reaches.
 */
import { createSignal } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Dialog } from "../../ui/Dialog.js"
import { TextArea } from "../../ui/Field.js"
import { useToasts } from "../../ui/Toasts.js"

const MAX = 3_000

export const ShareDialog = (props: {
  readonly open: boolean
  readonly postId: string
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const toasts = useToasts()
  const [text, setText] = createSignal("")
  const [busy, setBusy] = createSignal(false)
  const share = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    try {
      const words = text().trim()
      await ok(
        api.v1.posts[":id"].share.$post({
          param: { id: props.postId },
          json: words === "" ? {} : { text: words },
        }),
      )
      toasts.show(t("feed.shared"))
      setText("")
      props.onClose()
    } catch {
      toasts.show(t("feed.actionFailed"), "error")
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog open={props.open} title={t("feed.shareTitle")} onClose={props.onClose}>
      <form onSubmit={(e) => void share(e)}>
        <TextArea
          label={t("feed.shareWords")}
          hint={t("feed.shareHint")}
          value={text()}
          maxLength={MAX}
          counter={{ length: text().length, max: MAX }}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={busy()}>
            {t("feed.share")}
          </button>
          <button type="button" class="button" onClick={() => props.onClose()}>
            {t("action.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
