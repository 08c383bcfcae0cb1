/** A post's comments, and writing one (shown at once, taken back if refused). */
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { useSession } from "../../session.js"
import { TextArea } from "../../ui/Field.js"
import { Async, Empty } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"

type Comment = Awaited<ReturnType<typeof load>>["items"][number]
const load = (id: string) => ok(api.v1.posts[":id"].comments.$get({ param: { id }, query: {} }))

export const Comments = (props: { postId: string; onAdded: () => void }) => {
  const { t, date } = useI18n()
  const session = useSession()
  const toasts = useToasts()
  const [page, { mutate, refetch }] = createResource(() => props.postId, load)
  const [text, setText] = createSignal("")

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const me = session.me()
    const value = text().trim()
    if (value === "" || me === null || me === undefined) return
    const pending: Comment = {
      id: `pending-${Date.now()}`,
      author: me,
      text: value,
      createdAt: new Date().toISOString(),
    }
    const before = page()
    mutate((p) => (p === undefined ? p : { ...p, items: [...p.items, pending] }))
    setText("")
    try {
      const saved = await ok(
        api.v1.posts[":id"].comments.$post({ param: { id: props.postId }, json: { text: value } }),
      )
      mutate((p) =>
        p === undefined
          ? p
          : { ...p, items: p.items.map((c) => (c.id === pending.id ? saved : c)) },
      )
      props.onAdded()
    } catch {
      mutate(before)
      setText(value)
      toasts.show(t("feed.commentFailed"), "error")
    }
  }

  return (
    <div class="comments">
      <Async retry={() => void refetch()}>
        <Show when={page()}>
          {(p) => (
            <Show when={p().items.length > 0} fallback={<Empty>{t("feed.noComments")}</Empty>}>
              <ul>
                <For each={p().items}>
                  {(c) => (
                    <li classList={{ pending: c.id.startsWith("pending-") }}>
                      <strong>{c.author.displayName}</strong>{" "}
                      <span class="muted">{date(c.createdAt)}</span>
                      <p>{c.text}</p>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Async>
      <form onSubmit={submit}>
        <TextArea
          label={t("feed.commentLabel")}
          value={text()}
          rows={2}
          maxLength={2000}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit" class="button">
          {t("feed.commentSubmit")}
        </button>
      </form>
    </div>
  )
}
