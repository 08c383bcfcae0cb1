/**
 * A small in-memory network that drives the domain's transitions with facts
 * computed from its own state, for property tests over random command
 * sequences. It is the simplest honest caller of the domain: what it stores is
 * exactly what the transitions return.
 */
import { Either } from "effect"
import * as fc from "fast-check"
import {
  type AcceptancePolicy,
  acceptRequest,
  type Block,
  blockMember,
  type Connection,
  type ContactRequest,
  type DomainEvent,
  deleteContact,
  deliver,
  expireRequest,
  type FeedDelivery,
  ignoreRequest,
  isOpen,
  likePost,
  makePolicy,
  type Notification,
  type Party,
  type Post,
  publishPost,
  recordOf,
  resolveAudience,
  sendRequest,
  type Transition,
  unblockMember,
  updateContact,
  type WhoCanRequest,
  withdrawRequest,
} from "../../src/index.js"
import { acceptancePolicyArb } from "./arbitraries.js"

export const MEMBERS: readonly string[] = ["ada", "bob", "carla", "dora", "emil"]
const memberIndex = fc.integer({ min: 0, max: MEMBERS.length - 1 })

/** Small limits, so that random sequences hit them. */
export const testPolicy = makePolicy({
  weeklyRequestLimit: 2,
  maxOpenOutgoingRequests: 3,
  maxConnections: 3,
  requestExpiryDays: 40,
  withdrawCooldownDays: 21,
})

export interface MemberConfig {
  readonly locale: "de" | "en"
  readonly broadcastConnections: boolean
  readonly whoCanRequest: WhoCanRequest
  readonly requireMessage: boolean
  readonly acceptance: AcceptancePolicy
  readonly hasPhoto: boolean
  readonly openToNetworking: boolean
  readonly groups: readonly string[]
}

export const memberConfigArb: fc.Arbitrary<MemberConfig> = fc.record({
  locale: fc.constantFrom("de" as const, "en" as const),
  broadcastConnections: fc.boolean(),
  whoCanRequest: fc.constantFrom<WhoCanRequest>(
    "everyone",
    "everyone",
    "everyone",
    "contactsOfContacts",
    "sharedGroup",
  ),
  requireMessage: fc.constantFrom(false, false, true),
  // A small k: in a world of five members, more mutual contacts cannot happen.
  acceptance: acceptancePolicyArb(2),
  hasPhoto: fc.boolean(),
  openToNetworking: fc.boolean(),
  groups: fc.subarray(["g1", "g2"]),
})

export type Command =
  | { readonly kind: "send"; readonly from: number; readonly to: number; readonly message: boolean }
  | {
      readonly kind: "accept" | "ignore" | "withdraw"
      /** `null`: the request's own party acts (recipient, or sender for withdraw); else this member tries. */
      readonly actor: number | null
      readonly pick: number
    }
  | { readonly kind: "expire"; readonly pick: number }
  | {
      readonly kind: "delete" | "block" | "unblock" | "mute"
      readonly actor: number
      readonly other: number
    }
  | { readonly kind: "post"; readonly actor: number }
  | { readonly kind: "like"; readonly actor: number; readonly pick: number }
  | { readonly kind: "advance"; readonly days: number }

const pick = fc.nat({ max: 50 })
const actorOrParty = fc.option(memberIndex, { freq: 4 })
export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("send" as const),
      from: memberIndex,
      to: memberIndex,
      message: fc.constantFrom(true, true, true, false),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("accept" as const), actor: actorOrParty, pick }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("ignore" as const), actor: actorOrParty, pick }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("withdraw" as const), actor: actorOrParty, pick }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("expire" as const), pick }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        "delete" as const,
        "block" as const,
        "unblock" as const,
        "mute" as const,
      ),
      actor: memberIndex,
      other: memberIndex,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("post" as const), actor: memberIndex }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("like" as const), actor: memberIndex, pick }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("advance" as const),
      days: fc.integer({ min: 0, max: 12 }),
    }),
  },
)

export const scenarioArb = fc.record({
  members: fc.array(memberConfigArb, { minLength: MEMBERS.length, maxLength: MEMBERS.length }),
  commands: fc.array(commandArb, { minLength: 10, maxLength: 60, size: "max" }),
})

/** What one step did: the command, its outcome ("ok" or the error tag), its events and what they delivered. */
export interface Step {
  readonly command: Command
  readonly outcome: string
  readonly events: readonly DomainEvent[]
  readonly notifications: readonly Notification[]
  readonly deliveries: readonly FeedDelivery[]
}

const DAY = 86_400_000

export class World {
  now = new Date("2026-03-01T08:00:00.000Z")
  requests: ContactRequest[] = []
  connections: Connection[] = []
  blocks: Block[] = []
  /** `step` orders events that share an instant. */
  withdrawals: { from: string; to: string; at: Date; step: number }[] = []
  created: { from: string; to: string; at: Date; step: number }[] = []
  stateChanges: { from: ContactRequest["state"]; to: ContactRequest["state"] }[] = []
  posts: Post[] = []
  likes = new Set<string>()
  notifications: Notification[] = []
  deliveries: FeedDelivery[] = []
  steps: Step[] = []
  private seq = 0

  constructor(readonly config: readonly MemberConfig[]) {}

  static run(config: readonly MemberConfig[], commands: readonly Command[]): World {
    const world = new World(config)
    for (const command of commands) world.apply(command)
    return world
  }

  conf(id: string): MemberConfig {
    const c = this.config[MEMBERS.indexOf(id)]
    if (c === undefined) throw new Error(`no member ${id}`)
    return c
  }

  contactsOf = (m: string): string[] =>
    this.connections.flatMap((c) => (c.a === m ? [c.b] : c.b === m ? [c.a] : []))

  blockedBetween = (x: string, y: string): boolean =>
    this.blocks.some((b) => (b.by === x && b.member === y) || (b.by === y && b.member === x))

  connectionOf = (x: string, y: string): Connection | null =>
    this.connections.find((c) => (c.a === x && c.b === y) || (c.a === y && c.b === x)) ?? null

  party(id: string): Party {
    const c = this.conf(id)
    return {
      id,
      locale: c.locale,
      connectionCount: this.contactsOf(id).length,
      broadcastConnections: c.broadcastConnections,
    }
  }

  private replaceRequest(next: ContactRequest) {
    const index = this.requests.findIndex((r) => r.id === next.id)
    const old = this.requests[index]
    if (old === undefined) {
      this.requests.push(next)
      return
    }
    if (old.state !== next.state) this.stateChanges.push({ from: old.state, to: next.state })
    this.requests[index] = next
  }

  private record<S>(
    command: Command,
    result: Transition<S>,
    onSuccess: (state: S) => unknown,
  ): Step {
    if (Either.isLeft(result)) return this.skip(command, result.left._tag)
    onSuccess(result.right.state)
    const notifications: Notification[] = []
    const deliveries: FeedDelivery[] = []
    for (const event of result.right.events) {
      const out = deliver(event)
      notifications.push(...out.notifications)
      for (const fanout of out.feed) {
        for (const reader of resolveAudience(fanout, this.contactsOf, this.blockedBetween)) {
          deliveries.push({
            reader,
            subject: fanout.subject,
            broughtBy: fanout.broughtBy,
            reason: fanout.reason,
            at: fanout.at,
          })
        }
      }
      for (const r of out.retractions) {
        if (r._tag === "BetweenMembers") {
          const between = (x: string, y: string) =>
            (x === r.a && y === r.b) || (x === r.b && y === r.a)
          this.deliveries = this.deliveries.filter((d) => !between(d.reader, d.broughtBy))
          continue
        }
        const key = JSON.stringify(r.subject)
        this.deliveries = this.deliveries.filter(
          (d) =>
            JSON.stringify(d.subject) !== key ||
            (r._tag === "BroughtBy" && (d.broughtBy !== r.member || d.reason !== r.reason)),
        )
      }
    }
    this.notifications.push(...notifications)
    this.deliveries.push(...deliveries)
    const step: Step = {
      command,
      outcome: "ok",
      events: result.right.events,
      notifications,
      deliveries,
    }
    this.steps.push(step)
    return step
  }

  private skip(command: Command, outcome: string): Step {
    const step: Step = { command, outcome, events: [], notifications: [], deliveries: [] }
    this.steps.push(step)
    return step
  }

  /** Applies one command and returns what the step did. */
  apply(command: Command): Step {
    const now = this.now
    const name = (i: number) => MEMBERS[i] ?? "ada"
    switch (command.kind) {
      case "advance":
        this.now = new Date(now.getTime() + command.days * DAY)
        return this.skip(command, "ok")
      case "send": {
        const from = name(command.from)
        const to = name(command.to)
        const open = (x: string, y: string) =>
          this.requests.find((r) => isOpen(r) && r.from === x && r.to === y) ?? null
        const withdrawals = this.withdrawals
          .filter((w) => w.from === from && w.to === to)
          .map((w) => w.at.getTime())
        const sc = this.conf(from)
        const rc = this.conf(to)
        const result = sendRequest(
          {
            message: command.message ? "Hallo, habe Dich in der Gruppe gefunden." : null,
            foundVia: null,
          },
          {
            now,
            policy: testPolicy,
            newRequestId: `r${++this.seq}`,
            sender: {
              ...this.party(from),
              hasPhoto: sc.hasPhoto,
              openToNetworking: sc.openToNetworking,
              openOutgoingCount: this.requests.filter((r) => isOpen(r) && r.from === from).length,
              recentSends: this.created.filter((c) => c.from === from).map((c) => c.at),
            },
            recipient: {
              ...this.party(to),
              whoCanRequest: rc.whoCanRequest,
              requireMessage: rc.requireMessage,
              acceptance: rc.acceptance,
            },
            between: {
              blocked: this.blockedBetween(from, to),
              connected: this.connectionOf(from, to) !== null,
              openFromSender: open(from, to),
              openFromRecipient: open(to, from),
              lastWithdrawalBySender:
                withdrawals.length === 0 ? null : new Date(Math.max(...withdrawals)),
              mutualCount: this.contactsOf(from).filter((m) => this.contactsOf(to).includes(m))
                .length,
              sharedGroupCount: sc.groups.filter((g) => rc.groups.includes(g)).length,
            },
            groupNames: {},
            senderOwnedCategoryIds: new Set(),
            recipientOwnedCategoryIds: new Set(),
          },
        )
        return this.record(command, result, (outcome) => {
          for (const r of outcome.expired) this.replaceRequest(r)
          this.replaceRequest(outcome.request)
          if (outcome._tag === "Sent" || outcome.how === "autoAccepted")
            this.created.push({ from, to, at: now, step: this.steps.length })
          if (outcome._tag === "Connected") this.connections.push(outcome.connection)
        })
      }
      case "accept":
      case "ignore":
      case "withdraw": {
        // Recent requests are picked more often: that is where the action is.
        const request =
          this.requests[
            this.requests.length - 1 - (command.pick % Math.max(1, this.requests.length))
          ]
        if (request === undefined) return this.skip(command, "none")
        const party = command.kind === "withdraw" ? request.from : request.to
        const actor = command.actor === null ? party : name(command.actor)
        if (command.kind === "ignore") {
          return this.record(command, ignoreRequest(request, { actor, now }), (r) =>
            this.replaceRequest(r),
          )
        }
        if (command.kind === "withdraw") {
          return this.record(command, withdrawRequest(request, { actor, now }), (r) => {
            this.replaceRequest(r)
            this.withdrawals.push({ from: r.from, to: r.to, at: now, step: this.steps.length })
          })
        }
        const result = acceptRequest(
          request,
          {},
          {
            actor,
            now,
            policy: testPolicy,
            sender: this.party(request.from),
            recipient: this.party(request.to),
            ownedCategoryIds: new Set(),
            senderOwnedCategoryIds: new Set(),
            groupNames: {},
            connected: this.connectionOf(request.from, request.to) !== null,
          },
        )
        return this.record(command, result, ({ request: r, connection }) => {
          this.replaceRequest(r)
          this.connections.push(connection)
        })
      }
      case "expire": {
        const request = this.requests[command.pick % Math.max(1, this.requests.length)]
        if (request === undefined) return this.skip(command, "none")
        return this.record(command, expireRequest(request, { now, policy: testPolicy }), (r) =>
          this.replaceRequest(r),
        )
      }
      case "delete": {
        const actor = name(command.actor)
        const connection = this.connectionOf(actor, name(command.other))
        return this.record(command, deleteContact(connection, { actor, now }), () => {
          this.connections = this.connections.filter((c) => c !== connection)
        })
      }
      case "block": {
        const actor = name(command.actor)
        const target = name(command.other)
        const connection = this.connectionOf(actor, target)
        const result = blockMember(target, {
          actor,
          now,
          memberExists: true,
          blockedByActor: this.blocks.some((b) => b.by === actor && b.member === target),
          blockedByTarget: this.blocks.some((b) => b.by === target && b.member === actor),
          connection,
          requests: this.requests.filter(
            (r) => (r.from === actor && r.to === target) || (r.from === target && r.to === actor),
          ),
        })
        return this.record(command, result, (blocked) => {
          this.blocks.push(blocked.block)
          if (blocked.connectionRemoved)
            this.connections = this.connections.filter((c) => c !== connection)
          for (const r of blocked.discarded) this.replaceRequest(r)
        })
      }
      case "unblock": {
        const actor = name(command.actor)
        const target = name(command.other)
        const mine = (b: Block) => b.by === actor && b.member === target
        const result = unblockMember(target, { actor, now, blockedByActor: this.blocks.some(mine) })
        return this.record(command, result, () => {
          this.blocks = this.blocks.filter((b) => !mine(b))
        })
      }
      case "mute": {
        const actor = name(command.actor)
        const connection = this.connectionOf(actor, name(command.other))
        const own = connection === null ? undefined : recordOf(connection, actor)
        if (connection === null || own === undefined) return this.skip(command, "ContactNotFound")
        const result = updateContact(
          own,
          { muted: !own.muted },
          { now, ownedCategoryIds: new Set() },
        )
        return this.record(command, result, (next) => {
          const swap = (r: Connection["records"][number]) => (r.owner === actor ? next : r)
          const records: Connection["records"] = [
            swap(connection.records[0]),
            swap(connection.records[1]),
          ]
          this.connections = this.connections.map((c) => (c === connection ? { ...c, records } : c))
        })
      }
      case "post": {
        const result = publishPost(
          { text: "Neuer Beitrag" },
          { author: name(command.actor), id: `p${++this.seq}`, now },
        )
        return this.record(command, result, (post) => this.posts.push(post))
      }
      case "like": {
        const post = this.posts[command.pick % Math.max(1, this.posts.length)]
        if (post === undefined) return this.skip(command, "none")
        const actor = name(command.actor)
        const key = `${post.id}|${actor}`
        const result = likePost(post, {
          actor,
          now,
          canSee: actor === post.author || !this.blockedBetween(actor, post.author),
          alreadyLiked: this.likes.has(key),
        })
        return this.record(command, result, () => this.likes.add(key))
      }
    }
  }
}
