import { Either } from "effect"
import {
  type AcceptContext,
  type ContactRequest,
  type DomainError,
  defaultAcceptancePolicy,
  defaultPolicy,
  type Policy,
  type Recipient,
  type SendContext,
  type Sender,
  type Transition,
} from "../../src/index.js"

export const T0 = new Date("2026-01-05T09:00:00.000Z")
export const days = (n: number, from: Date = T0) => new Date(from.getTime() + n * 86_400_000)

/** The right side of a transition, or a failed test naming the error. */
export const ok = <S>(result: Transition<S>) => {
  if (Either.isLeft(result)) throw new Error(`expected success, got ${result.left._tag}`)
  return result.right
}

/** The error of a transition, or a failed test. */
export const err = <S>(result: Transition<S>): DomainError => {
  if (Either.isRight(result)) throw new Error("expected an error, got success")
  return result.left
}

export const sender = (over: Partial<Sender> = {}): Sender => ({
  id: "ada",
  locale: "en",
  connectionCount: 0,
  broadcastConnections: true,
  hasPhoto: true,
  openToNetworking: true,
  openOutgoingCount: 0,
  recentSends: [],
  ...over,
})

export const recipient = (over: Partial<Recipient> = {}): Recipient => ({
  id: "bob",
  locale: "de",
  connectionCount: 0,
  broadcastConnections: true,
  whoCanRequest: "everyone",
  requireMessage: false,
  acceptance: defaultAcceptancePolicy,
  ...over,
})

export const sendContext = (
  over: Partial<Omit<SendContext, "between">> & { between?: Partial<SendContext["between"]> } = {},
): SendContext => {
  const { between, ...rest } = over
  return {
    now: T0,
    policy: defaultPolicy,
    newRequestId: "r-new",
    sender: sender(),
    recipient: recipient(),
    groupNames: { k: "Netzwerken K." },
    senderOwnedCategoryIds: new Set(["c-ada"]),
    recipientOwnedCategoryIds: new Set(["c-bob"]),
    ...rest,
    between: {
      blocked: false,
      connected: false,
      openFromSender: null,
      openFromRecipient: null,
      lastWithdrawalBySender: null,
      mutualCount: 0,
      sharedGroupCount: 0,
      ...between,
    },
  }
}

export const request = (over: Partial<ContactRequest> = {}): ContactRequest => ({
  id: "r1",
  from: "ada",
  to: "bob",
  message: "Hallo Bob, habe Dich in der Gruppe K. gefunden.",
  foundVia: { kind: "group", groupId: "k" },
  senderCategoryIds: [],
  introduction: null,
  state: "pending",
  createdAt: T0,
  updatedAt: T0,
  ...over,
})

export const acceptContext = (
  over: Partial<AcceptContext> = {},
  policy: Policy = defaultPolicy,
): AcceptContext => ({
  actor: "bob",
  now: days(1),
  policy,
  sender: { id: "ada", locale: "en", connectionCount: 0, broadcastConnections: true },
  recipient: { id: "bob", locale: "de", connectionCount: 0, broadcastConnections: true },
  ownedCategoryIds: new Set(["c-kunden"]),
  senderOwnedCategoryIds: new Set(["c-ada"]),
  groupNames: { k: "Netzwerken K." },
  connected: false,
  ...over,
})
