/**
 * A request to me: who, why (their message, how they found me), the verdict;
 * accept (into categories, with the note pre-filled) or ignore — silently:
 * the sender is never told, and it can still be accepted later.
 */
import { createSignal, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { MemberLine } from "../../ui/MemberLine.js"
import { useToasts } from "../../ui/Toasts.js"
import { AcceptDialog } from "./AcceptDialog.js"
import { FoundViaText } from "./FoundViaText.js"
import { Verdict } from "./Verdict.js"

const loadIncoming = () => ok(api.v1.requests.incoming.$get({ query: {} }))
export type IncomingRequest = Awaited<ReturnType<typeof loadIncoming>>["items"][number]

export const IncomingCard = (props: {
  request: IncomingRequest
  /** The request left this list (optimistically). */
  onGone: () => void
  /** Undo `onGone`: the server refused. */
  onBack: () => void
}) => {
  const { t, date } = useI18n()
  const toasts = useToasts()
  const [accepting, setAccepting] = createSignal(false)

  const ignore = async () => {
    props.onGone()
    try {
      await ok(api.v1.requests[":id"].ignore.$post({ param: { id: props.request.id } }))
      toasts.show(t("inbox.ignored", { name: props.request.from.displayName }))
    } catch {
      props.onBack()
      toasts.show(t("inbox.actionFailed"), "error")
    }
  }

  return (
    <article class="card request-card" aria-label={props.request.from.displayName}>
      <MemberLine member={props.request.from}>
        <span class="muted">
          <time datetime={props.request.createdAt}>{date(props.request.createdAt)}</time>
        </span>
      </MemberLine>
      <Show when={props.request.message} fallback={<p class="muted">{t("inbox.noMessage")}</p>}>
        {(message) => <blockquote class="message">{message()}</blockquote>}
      </Show>
      <FoundViaText foundVia={props.request.foundVia} />
      <Show when={props.request.introduction}>
        {(intro) => (
          <div class="introduced">
            <MemberLine member={intro().by}>
              <span class="muted">{t("inbox.introducedBy", { name: intro().by.displayName })}</span>
            </MemberLine>
            <Show when={intro().note}>
              {(note) => <blockquote class="message">{note()}</blockquote>}
            </Show>
          </div>
        )}
      </Show>
      <Verdict
        verdict={props.request.verdict}
        introducedBy={props.request.introduction?.by.displayName ?? null}
      />
      <div class="actions">
        <button type="button" class="button button-primary" onClick={() => setAccepting(true)}>
          {t("inbox.accept")}
        </button>
        <Show when={props.request.state === "pending"}>
          <button
            type="button"
            class="button"
            onClick={ignore}
            aria-describedby={`ignore-hint-${props.request.id}`}
          >
            {t("inbox.ignore")}
          </button>
          <span class="hint" id={`ignore-hint-${props.request.id}`}>
            {t("inbox.ignoreHint")}
          </span>
        </Show>
      </div>
      <AcceptDialog
        open={accepting()}
        request={props.request}
        onClose={() => setAccepting(false)}
        onAccepted={() => {
          setAccepting(false)
          props.onGone()
        }}
      />
    </article>
  )
}
