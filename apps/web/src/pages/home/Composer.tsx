/** Writing a post: text up to 3,000 characters and an optional link. */
import { createSignal } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { FormError, TextArea, TextField } from "../../ui/Field.js"
import { useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"
import type { FeedItem } from "./FeedCard.js"

const MAX = 3_000

export const Composer = (props: { onPosted: (item: FeedItem) => void }) => {
  const { t } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [text, setText] = createSignal("")
  const [link, setLink] = createSignal("")
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    if (text().trim() === "") {
      setError(t("home.composer.empty"))
      return
    }
    if (link() !== "" && !/^https?:\/\//i.test(link())) {
      setError(t("home.composer.badLink"))
      return
    }
    setBusy(true)
    setError(null)
    try {
      const post = await ok(
        api.v1.posts.$post({
          json: link() === "" ? { text: text() } : { text: text(), link: link() },
        }),
      )
      props.onPosted({
        key: `post:${post.id}`,
        kind: "post",
        post,
        connection: null,
        broughtBy: [{ member: post.author, reason: "posted", reasons: ["posted"], words: null }],
        latestAt: post.createdAt,
      })
      setText("")
      setLink("")
      toasts.show(t("home.composer.posted"))
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="composer card" onSubmit={submit} novalidate>
      <TextArea
        label={t("home.composer.label")}
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
        rows={3}
        maxLength={MAX}
        counter={{ length: text().length, max: MAX }}
      />
      <TextField
        label={t("home.composer.link")}
        type="url"
        value={link()}
        placeholder="https://"
        onInput={(e) => setLink(e.currentTarget.value)}
      />
      <FormError error={error()} />
      <button type="submit" class="button button-primary" disabled={busy()}>
        {t("home.composer.submit")}
      </button>
    </form>
  )
}
