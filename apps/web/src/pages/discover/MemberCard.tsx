/** A member found somewhere: who, what we share, and the next step for our relationship. */
import { A } from "@solidjs/router"
import { createSignal, type JSX, Match, Show, Switch } from "solid-js"
import { useI18n } from "../../i18n/index.js"
import { MemberLine } from "../../ui/MemberLine.js"
import { type FoundVia, RequestDialog } from "./RequestDialog.js"

export interface ListedMember {
  readonly handle: string
  readonly displayName: string
  readonly headline: string
  readonly hasPhoto: boolean
  readonly relationship: "none" | "requestSent" | "requestReceived" | "contact"
  readonly mutualCount: number
}

export const MemberCard = (props: {
  member: ListedMember
  foundVia: FoundVia
  children?: JSX.Element
}) => {
  const { t } = useI18n()
  const [relationship, setRelationship] = createSignal(props.member.relationship)
  const [asking, setAsking] = createSignal(false)
  return (
    <article class="card member-card">
      <MemberLine member={props.member}>
        <Show when={props.member.mutualCount > 0}>
          <span class="muted">{t("discover.mutual", { n: String(props.member.mutualCount) })}</span>
        </Show>
      </MemberLine>
      {props.children}
      <div class="actions">
        <Switch>
          <Match when={relationship() === "none"}>
            <button type="button" class="button button-primary" onClick={() => setAsking(true)}>
              {t("discover.connect")}
            </button>
          </Match>
          <Match when={relationship() === "requestSent"}>
            <A href="/inbox?tab=sent">{t("discover.requestSent")}</A>
          </Match>
          <Match when={relationship() === "requestReceived"}>
            <A href="/inbox">{t("discover.requestReceived")}</A>
          </Match>
          <Match when={relationship() === "contact"}>
            <A href={`/contacts?open=${props.member.handle}`}>{t("discover.isContact")}</A>
          </Match>
        </Switch>
      </div>
      <RequestDialog
        open={asking()}
        to={props.member}
        foundVia={props.foundVia}
        onClose={() => setAsking(false)}
        onSent={(connected) => {
          setAsking(false)
          setRelationship(connected ? "contact" : "requestSent")
        }}
      />
    </article>
  )
}
