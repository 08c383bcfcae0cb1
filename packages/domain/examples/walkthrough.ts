/**
 * A walk through the contact lifecycle on @kontakt/domain, printed step by
 * step: request with a note, the acceptance policy's verdict, accept with a
 * category, a silent ignore, a crossing request, a review, a silent delete,
 * and the reach arithmetic. Run it with `pnpm start` at the repository root.
 */

import {
  type AcceptancePolicy,
  acceptRequest,
  type ContactRequest,
  chanceOfAtLeastOne,
  type DomainEvent,
  decideReview,
  defaultPolicy,
  deliver,
  ignoreRequest,
  type Locale,
  recommend,
  reviewDueAt,
  type SendCommand,
  senderView,
  sendRequest,
  type Transition,
} from "@kontakt/domain"
import { Either } from "effect"

interface Person {
  readonly id: string
  readonly name: string
  readonly locale: Locale
  readonly hasPhoto: boolean
  readonly acceptance: AcceptancePolicy
}

const sandra: Person = {
  id: "sandra",
  name: "Sandra",
  locale: "de",
  hasPhoto: true,
  acceptance: {
    mode: "criteria",
    autoAccept: false,
    rules: {
      photo: true,
      sharedGroup: true,
      message: true,
      minMutualContacts: 0,
      openToNetworking: false,
      introducedByContact: false,
    },
  },
}
const marco: Person = {
  id: "marco",
  name: "Marco",
  locale: "de",
  hasPhoto: true,
  acceptance: { mode: "manual" },
}
const david: Person = {
  id: "david",
  name: "David",
  locale: "en",
  hasPhoto: false,
  acceptance: { mode: "acceptAll" },
}
const names = new Map([sandra, marco, david].map((p) => [p.id, p.name]))
const groupNames = { "g-k": "Online-Netzwerker K." }
const contacts = new Map<string, string[]>([
  ["sandra", ["ulla", "petra"]],
  ["marco", ["jan"]],
  ["david", ["tom", "lisa"]],
])

let clock = new Date("2026-03-02T09:00:00Z")
let step = 0
const title = (text: string) => console.log(`\n${++step}. ${text}`)
const say = (text: string) => console.log(`   ${text}`)

const unwrap = <S>(result: Transition<S>): { state: S; events: readonly DomainEvent[] } => {
  if (Either.isLeft(result)) throw new Error(`refused: ${result.left._tag}`)
  return result.right
}

const tell = (events: readonly DomainEvent[]) => {
  const notes = events.flatMap((e) => deliver(e).notifications)
  const feeds = events.flatMap((e) => deliver(e).feed)
  say(`events: ${events.map((e) => e._tag).join(", ") || "none"}`)
  say(
    `notifications: ${notes.map((n) => `${names.get(n.recipient) ?? n.recipient} (${n.kind})`).join(", ") || "none"}`,
  )
  for (const f of feeds) {
    if (f.audience._tag === "ContactsOf") {
      const readers = contacts.get(f.audience.member) ?? []
      say(
        `feed: "${f.reason}" news to ${names.get(f.audience.member)}'s contacts (${readers.join(", ")})`,
      )
    }
  }
}

const send = (
  from: Person,
  to: Person,
  command: SendCommand,
  between: { mutual: number; groups: number },
) =>
  sendRequest(command, {
    now: clock,
    policy: defaultPolicy,
    newRequestId: `r-${from.id}-${to.id}`,
    sender: {
      id: from.id,
      locale: from.locale,
      connectionCount: contacts.get(from.id)?.length ?? 0,
      broadcastConnections: true,
      hasPhoto: from.hasPhoto,
      openToNetworking: true,
      openOutgoingCount: 0,
      recentSends: [],
    },
    recipient: {
      id: to.id,
      locale: to.locale,
      connectionCount: contacts.get(to.id)?.length ?? 0,
      broadcastConnections: true,
      whoCanRequest: "everyone",
      requireMessage: false,
      acceptance: to.acceptance,
    },
    between: {
      blocked: false,
      connected: false,
      openFromSender: null,
      openFromRecipient: pending.find((r) => r.from === to.id && r.to === from.id) ?? null,
      lastWithdrawalBySender: null,
      mutualCount: between.mutual,
      sharedGroupCount: between.groups,
    },
    groupNames,
  })
const pending: ContactRequest[] = []

title("Sandra found Marco in the group 'Online-Netzwerker K.' and asks to connect, saying why.")
const toMarco = unwrap(
  send(
    sandra,
    marco,
    {
      message:
        "Hallo Marco, habe Dich in der Gruppe K. gefunden und würde mich gerne mit Dir vernetzen.",
      foundVia: { kind: "group", groupId: "g-k" },
    },
    { mutual: 1, groups: 1 },
  ),
)
if (toMarco.state._tag !== "Sent") throw new Error("expected a pending request")
say(`Marco decides himself; kontakt recommends: ${toMarco.state.verdict.recommendation}`)
for (const r of toMarco.state.verdict.reasons) say(`  ${r.passed ? "✓" : "✗"} ${r.text}`)
tell(toMarco.events)

title(
  "Marco accepts and files Sandra under his category 'Gruppe K.'; the note says why they connected.",
)
clock = new Date("2026-03-03T18:30:00Z")
const accepted = unwrap(
  acceptRequest(
    toMarco.state.request,
    { categoryIds: ["c-gruppe-k"] },
    {
      actor: marco.id,
      now: clock,
      policy: defaultPolicy,
      sender: { id: sandra.id, locale: "de", connectionCount: 2, broadcastConnections: true },
      recipient: { id: marco.id, locale: "de", connectionCount: 1, broadcastConnections: true },
      ownedCategoryIds: new Set(["c-gruppe-k"]),
      groupNames,
      connected: false,
    },
  ),
)
const connect = (x: string, y: string) => {
  contacts.get(x)?.push(y)
  contacts.get(y)?.push(x)
}
connect(sandra.id, marco.id)
const marcosRecord = accepted.state.connection.records.find((r) => r.owner === marco.id)
for (const line of (marcosRecord?.note ?? "").split("\n")) say(`Marco's note: ${line}`)
tell(accepted.events)

title("David, who accepts everyone, asks Sandra without a message and without a photo.")
const fromDavid = unwrap(
  send(david, sandra, { message: null, foundVia: { kind: "search" } }, { mutual: 0, groups: 0 }),
)
if (fromDavid.state._tag !== "Sent") throw new Error("expected a pending request")
say(
  `Sandra's criteria say: ${fromDavid.state.verdict.recommendation}; it waits in her inbox because:`,
)
for (const r of fromDavid.state.verdict.reasons.filter((x) => x.required && !x.passed))
  say(`  ✗ ${r.text}`)
tell(fromDavid.events)

title("Sandra ignores it. Silently.")
const ignored = unwrap(ignoreRequest(fromDavid.state.request, { actor: sandra.id, now: clock }))
tell(ignored.events)
const same =
  JSON.stringify(senderView(ignored.state)) === JSON.stringify(senderView(fromDavid.state.request))
say(
  `David's view of his request: "${senderView(ignored.state).state}" (identical to before: ${same})`,
)
pending.push(ignored.state)

title("Weeks later Sandra changes her mind and asks David herself: her request crosses his.")
clock = new Date("2026-04-10T08:00:00Z")
const crossed = unwrap(
  send(sandra, david, { message: "Hallo David!", foundVia: null }, { mutual: 0, groups: 0 }),
)
if (crossed.state._tag !== "Connected") throw new Error("expected a crossing")
say(
  `connected at once (${crossed.state.how}): David's old request is ${crossed.state.request.state}`,
)
tell(crossed.events)
connect(sandra.id, david.id)

title("90 days on, David comes up for review.")
const record = crossed.state.connection.records.find((r) => r.owner === sandra.id)
if (record === undefined) throw new Error("no record")
say(
  `review due: ${reviewDueAt(record, defaultPolicy.reviewEveryDays, defaultPolicy).toISOString().slice(0, 10)}`,
)
const advice = recommend(
  {
    postsSeen: 24,
    postsFlagged: 11,
    spreadFlagged: 0,
    myInteractions: 0,
    theirInteractions: 0,
    mutualCount: 0,
    importance: "normal",
    daysSinceLastInteraction: null,
  },
  defaultPolicy,
)
say(`kontakt recommends: ${advice.recommendation}`)
for (const r of advice.reasons) say(`  · ${r.text}`)

title("Sandra deletes David. Contacts are never told when you delete them.")
clock = new Date("2026-07-10T08:00:00Z")
const deleted = unwrap(
  decideReview(
    record,
    { decision: "delete" },
    { now: clock, recommendation: advice.recommendation },
  ),
)
tell(deleted.events)

title("Große Zahlen, große Chancen: if 0.5% of members could become customers...")
for (const n of [50, 500]) {
  say(
    `among ${n} contacts, the chance of at least one: ${(chanceOfAtLeastOne(0.005, n) * 100).toFixed(1)}%`,
  )
}
