/** One contact under review: signals, recommendation with reasons, the four decisions. */
import { createSignal, For, Show } from "solid-js"
import { useI18n } from "../../i18n/index.js"
import { Dialog } from "../../ui/Dialog.js"
import { MemberLine } from "../../ui/MemberLine.js"
import type { Decision, Due } from "./Review.js"

export const reasonText = (t: ReturnType<typeof useI18n>["t"], item: Due, code: string) => {
  const s = item.signals
  const args = {
    seen: String(s.postsSeen),
    flagged: String(s.postsFlagged),
    spread: String(s.spreadFlagged),
    n: String(s.myInteractions + s.theirInteractions),
    mutual: String(s.mutualCount),
    days: String(s.daysSinceLastInteraction ?? 0),
  }
  switch (code) {
    case "important":
    case "oddNews":
    case "noInteraction":
    case "recentInteraction":
    case "interacts":
    case "wellConnected":
    case "noComplaints":
    case "fewFlags":
    case "spreadsOddNews":
    case "lessFromCategory":
      return t(`review.reason.${code}`, args)
    default:
      return code
  }
}

export const ReviewCard = (props: { item: Due; onDecide: (d: Decision) => void }) => {
  const { t, date } = useI18n()
  const [snoozeDays, setSnoozeDays] = createSignal(90)
  const [confirming, setConfirming] = createSignal(false)
  const s = () => props.item.signals
  const name = () => props.item.contact.member.displayName
  return (
    <article class="card review-card" aria-labelledby="review-name">
      <h2 id="review-name">{name()}</h2>
      <MemberLine member={props.item.contact.member}>
        <span class="muted">
          {t("contacts.since", { date: date(props.item.contact.connectedAt) })}
        </span>
      </MemberLine>
      <Show when={props.item.contact.note !== ""}>
        <blockquote class="message">{props.item.contact.note}</blockquote>
      </Show>
      <dl class="signals">
        <dt>{t("review.signal.postsSeen")}</dt>
        <dd>{s().postsSeen}</dd>
        <dt>{t("review.signal.postsFlagged")}</dt>
        <dd>{s().postsFlagged}</dd>
        <dt>{t("review.signal.spreadFlagged")}</dt>
        <dd>{s().spreadFlagged}</dd>
        <dt>{t("review.signal.mine")}</dt>
        <dd>{s().myInteractions}</dd>
        <dt>{t("review.signal.theirs")}</dt>
        <dd>{s().theirInteractions}</dd>
        <dt>{t("review.signal.mutual")}</dt>
        <dd>{s().mutualCount}</dd>
        <dt>{t("review.signal.importance")}</dt>
        <dd>{t(`contacts.importanceLevel.${s().importance}`)}</dd>
        <dt>{t("review.signal.lastInteraction")}</dt>
        <dd>
          {s().daysSinceLastInteraction === null
            ? t("review.never")
            : t("review.daysAgo", { n: String(s().daysSinceLastInteraction) })}
        </dd>
      </dl>
      <div class={`recommendation recommend-${props.item.recommendation}`}>
        <p>
          <strong>{t(`review.recommend.${props.item.recommendation}`)}</strong>
        </p>
        <ul>
          <For each={props.item.reasons}>{(r) => <li>{reasonText(t, props.item, r.code)}</li>}</For>
        </ul>
      </div>
      <fieldset class="actions">
        <legend class="visually-hidden">{t("review.decide")}</legend>
        <button
          type="button"
          class="button button-primary"
          onClick={() => props.onDecide({ decision: "keep" })}
        >
          {t("review.keep")}
        </button>
        <button type="button" class="button" onClick={() => props.onDecide({ decision: "mute" })}>
          {t("review.mute")}
        </button>
        <span class="inline-form">
          <label>
            <span class="visually-hidden">{t("review.snoozeFor")}</span>
            <select
              value={snoozeDays()}
              onChange={(e) => setSnoozeDays(Number(e.currentTarget.value))}
            >
              <For each={[30, 90, 180]}>
                {(d) => <option value={d}>{t("review.days", { n: String(d) })}</option>}
              </For>
            </select>
          </label>
          <button
            type="button"
            class="button"
            onClick={() => props.onDecide({ decision: "snooze", snoozeDays: snoozeDays() })}
          >
            {t("review.snooze")}
          </button>
        </span>
        <button type="button" class="button button-danger" onClick={() => setConfirming(true)}>
          {t("review.delete")}
        </button>
      </fieldset>
      <Dialog
        open={confirming()}
        title={t("contacts.deleteTitle", { name: name() })}
        onClose={() => setConfirming(false)}
      >
        <p>{t("contacts.deleteSilent", { name: name() })}</p>
        <div class="actions">
          <button
            type="button"
            class="button button-danger"
            onClick={() => {
              setConfirming(false)
              props.onDecide({ decision: "delete" })
            }}
          >
            {t("contacts.deleteConfirm")}
          </button>
          <button type="button" class="button" onClick={() => setConfirming(false)}>
            {t("action.cancel")}
          </button>
        </div>
      </Dialog>
    </article>
  )
}
