import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  DomainEvent,
  type DomainEventTag,
  deliver,
  reaches,
  resolveAudience,
} from "../src/index.js"
import { days } from "./support/fixtures.js"

const at = days(1)
const req = { requestId: "r1", from: "ada", to: "bob", at }
const postFacts = { postId: "p1", author: "ada", at }
const intro = { introductionId: "i1", asker: "ada", via: "bob", target: "carl", at }

/** One example of every event, so a new event type must be added here (and decided on). */
const examples: { readonly [K in DomainEventTag]: Extract<DomainEvent, { _tag: K }> } = {
  RequestSent: DomainEvent.RequestSent(req),
  RequestAccepted: DomainEvent.RequestAccepted({ ...req, automatically: false }),
  RequestIgnored: DomainEvent.RequestIgnored(req),
  RequestWithdrawn: DomainEvent.RequestWithdrawn(req),
  RequestExpired: DomainEvent.RequestExpired(req),
  RequestDiscarded: DomainEvent.RequestDiscarded({ ...req, reason: "blocked" }),
  ConnectionMade: DomainEvent.ConnectionMade({
    a: "ada",
    b: "bob",
    requestId: "r1",
    at,
    broadcast: true,
  }),
  ConnectionRemoved: DomainEvent.ConnectionRemoved({
    by: "bob",
    other: "ada",
    at,
    reason: "deleted",
  }),
  ContactCategorized: DomainEvent.ContactCategorized({
    owner: "bob",
    contact: "ada",
    categoryIds: [],
    at,
  }),
  ContactMuted: DomainEvent.ContactMuted({ owner: "bob", contact: "ada", at }),
  ContactUnmuted: DomainEvent.ContactUnmuted({ owner: "bob", contact: "ada", at }),
  ContactReviewed: DomainEvent.ContactReviewed({
    owner: "bob",
    contact: "ada",
    decision: "delete",
    recommendation: "delete",
    at,
  }),
  MemberBlocked: DomainEvent.MemberBlocked({ by: "bob", member: "ada", at }),
  MemberUnblocked: DomainEvent.MemberUnblocked({ by: "bob", member: "ada", at }),
  ProfileChanged: DomainEvent.ProfileChanged({ member: "ada", at }),
  AccountDeleted: DomainEvent.AccountDeleted({ member: "ada", at }),
  ContactListVisibilityChanged: DomainEvent.ContactListVisibilityChanged({
    member: "bob",
    hidden: true,
    at,
  }),
  CategoryCreated: DomainEvent.CategoryCreated({ owner: "bob", categoryId: "c", at }),
  CategoryChanged: DomainEvent.CategoryChanged({ owner: "bob", categoryId: "c", at }),
  CategoryDeleted: DomainEvent.CategoryDeleted({ owner: "bob", categoryId: "c", at }),
  PostPublished: DomainEvent.PostPublished(postFacts),
  PostDeleted: DomainEvent.PostDeleted(postFacts),
  PostLiked: DomainEvent.PostLiked({ ...postFacts, by: "bob" }),
  PostUnliked: DomainEvent.PostUnliked({ ...postFacts, by: "bob" }),
  PostCommented: DomainEvent.PostCommented({ ...postFacts, by: "bob", commentId: "k1" }),
  PostShared: DomainEvent.PostShared({ ...postFacts, by: "bob", shareId: "s1" }),
  PostFlagged: DomainEvent.PostFlagged({ ...postFacts, by: "bob" }),
  PostUnflagged: DomainEvent.PostUnflagged({ ...postFacts, by: "bob" }),
  IntroductionAsked: DomainEvent.IntroductionAsked(intro),
  IntroductionForwarded: DomainEvent.IntroductionForwarded(intro),
  IntroductionDeclined: DomainEvent.IntroductionDeclined(intro),
  MemberRecommended: DomainEvent.MemberRecommended({
    recommendationId: "rec1",
    by: "bob",
    member: "carl",
    to: "ada",
    at,
  }),
}

const SILENT: readonly DomainEventTag[] = [
  "RequestIgnored",
  "RequestWithdrawn",
  "RequestExpired",
  "RequestDiscarded",
  "ConnectionRemoved",
  "ContactMuted",
  "ContactUnmuted",
  "ContactReviewed",
  "ContactCategorized",
  "MemberBlocked",
  "MemberUnblocked",
  "ContactListVisibilityChanged",
  "ProfileChanged",
  "AccountDeleted",
  "CategoryCreated",
  "CategoryChanged",
  "CategoryDeleted",
  "PostFlagged",
  "PostUnflagged",
  "IntroductionDeclined",
  "PostDeleted",
  "PostUnliked",
]

describe("deliver", () => {
  it.each(SILENT)("%s tells no one anything", (tag) => {
    const out = deliver(examples[tag])
    expect(out.notifications).toEqual([])
    expect(out.feed).toEqual([])
  })

  it("a request received is told to the recipient only", () => {
    expect(deliver(examples.RequestSent)).toEqual({
      notifications: [
        { recipient: "bob", kind: "requestReceived", actor: "ada", subjectId: "r1", at },
      ],
      feed: [],
      retractions: [],
    })
  })

  it("an ask for an introduction is told to the introducer, a forward to the asker, never to the target", () => {
    const told = (tag: "IntroductionAsked" | "IntroductionForwarded") =>
      deliver(examples[tag]).notifications.map((n) => [n.recipient, n.kind, n.actor, n.subjectId])
    expect(told("IntroductionAsked")).toEqual([["bob", "introductionAsked", "ada", "i1"]])
    expect(told("IntroductionForwarded")).toEqual([["ada", "introductionForwarded", "bob", "i1"]])
    expect(deliver(examples.IntroductionAsked).feed).toEqual([])
  })

  it("a recommendation is told to the contact it was made to, and nobody else", () => {
    expect(deliver(examples.MemberRecommended)).toEqual({
      notifications: [
        { recipient: "ada", kind: "memberRecommended", actor: "bob", subjectId: "rec1", at },
      ],
      feed: [],
      retractions: [],
    })
  })

  it("an accepted request is told to the sender; an automatic one to both", () => {
    expect(
      deliver(examples.RequestAccepted).notifications.map((n) => [n.recipient, n.kind]),
    ).toEqual([["ada", "requestAccepted"]])
    const auto = deliver(DomainEvent.RequestAccepted({ ...req, automatically: true }))
    expect(auto.notifications.map((n) => [n.recipient, n.kind])).toEqual([
      ["ada", "requestAccepted"],
      ["bob", "requestAutoAccepted"],
    ])
  })

  it("a new connection reaches both sides' contacts, but not when broadcast is off", () => {
    const out = deliver(examples.ConnectionMade)
    expect(out.feed.map((f) => f.audience)).toEqual([
      { _tag: "ContactsOf", member: "ada", except: ["bob"] },
      { _tag: "ContactsOf", member: "bob", except: ["ada"] },
    ])
    expect(out.feed.every((f) => f.reason === "connected")).toBe(true)
    expect(
      deliver(
        DomainEvent.ConnectionMade({ a: "ada", b: "bob", requestId: "r", at, broadcast: false }),
      ).feed,
    ).toEqual([])
  })

  it("a post reaches its author and the author's contacts", () => {
    const out = deliver(examples.PostPublished)
    expect(out.feed.map((f) => f.audience)).toEqual([
      { _tag: "Member", member: "ada" },
      { _tag: "ContactsOf", member: "ada", except: [] },
    ])
    expect(out.notifications).toEqual([])
  })

  it.each([
    ["PostLiked", "liked", "postLiked"],
    ["PostCommented", "commented", "postCommented"],
    ["PostShared", "shared", "postShared"],
  ] as const)(
    "%s carries the post to the actor's contacts and tells the author",
    (tag, reason, kind) => {
      const out = deliver(examples[tag])
      expect(out.feed).toEqual([
        {
          audience: { _tag: "ContactsOf", member: "bob", except: ["ada"] },
          subject: { kind: "post", postId: "p1", author: "ada" },
          broughtBy: "bob",
          reason,
          excludeBlockedWith: ["ada", "bob"],
          at,
        },
      ])
      expect(out.notifications).toEqual([
        { recipient: "ada", kind, actor: "bob", subjectId: "p1", at },
      ])
    },
  )

  it("liking one's own post tells no one", () => {
    expect(deliver(DomainEvent.PostLiked({ ...postFacts, by: "ada" })).notifications).toEqual([])
  })

  it("deleting a post or a connection takes its items back", () => {
    expect(deliver(examples.PostDeleted).retractions).toEqual([
      { _tag: "Subject", subject: { kind: "post", postId: "p1", author: "ada" } },
    ])
    expect(deliver(examples.ConnectionRemoved).retractions).toEqual([
      { _tag: "Subject", subject: { kind: "connection", a: "ada", b: "bob" } },
      { _tag: "BetweenMembers", a: "ada", b: "bob" },
    ])
    expect(
      deliver(DomainEvent.ConnectionRemoved({ by: "ada", other: "bob", at, reason: "blocked" }))
        .retractions,
    ).toEqual(deliver(examples.ConnectionRemoved).retractions)
    expect(deliver(examples.PostUnliked).retractions).toEqual([
      {
        _tag: "BroughtBy",
        subject: { kind: "post", postId: "p1", author: "ada" },
        member: "bob",
        reason: "liked",
      },
    ])
  })
})

describe("resolveAudience", () => {
  const contacts: Record<string, string[]> = { bob: ["ada", "carla", "eve"], ada: ["bob"] }
  const blocks = new Set(["eve|ada"])
  const contactsOf = (m: string) => contacts[m] ?? []
  const blocked = (x: string, y: string) => blocks.has(`${x}|${y}`) || blocks.has(`${y}|${x}`)

  it("expands contacts, minus exceptions and anyone blocked with the named members", () => {
    const like = deliver(examples.PostLiked).feed[0]
    expect(like && resolveAudience(like, contactsOf, blocked)).toEqual(["carla"])
  })

  it("a single member audience is that member", () => {
    const own = deliver(examples.PostPublished).feed[0]
    expect(own && resolveAudience(own, contactsOf, blocked)).toEqual(["ada"])
  })
})

describe("a connection's news and hidden contacts", () => {
  // ada and bob connect; carla is bob's contact only, dora ada's only, eve both's.
  const contacts: Record<string, string[]> = {
    ada: ["bob", "dora", "eve"],
    bob: ["ada", "carla", "eve"],
    carla: ["bob"],
    dora: ["ada"],
    eve: ["ada", "bob"],
  }
  const contactsOf = (m: string) => contacts[m] ?? []
  const readersWith = (hiders: readonly string[]) =>
    [
      ...new Set(
        deliver(examples.ConnectionMade).feed.flatMap((f) =>
          resolveAudience(
            f,
            contactsOf,
            () => false,
            (m) => hiders.includes(m),
          ),
        ),
      ),
    ].sort()

  it("reaches both sides' contacts when neither hides", () => {
    expect(readersWith([])).toEqual(["carla", "dora", "eve"])
  })

  it("reaches only a hider's own contacts — never a stranger to them through the other side", () => {
    expect(readersWith(["ada"])).toEqual(["dora", "eve"])
    expect(readersWith(["bob"])).toEqual(["carla", "eve"])
    expect(readersWith(["ada", "bob"])).toEqual(["eve"])
  })
})

describe("reaches: one reader at a time, the same answer as resolveAudience", () => {
  const members = ["ada", "bob", "carla", "dora", "eve"]
  const member = fc.constantFrom(...members)
  const pairs = fc.uniqueArray(fc.tuple(member, member), { maxLength: 12 })
  const event = fc.oneof(
    fc.constant(examples.PostPublished),
    fc.constant(examples.PostLiked),
    fc.constant(examples.PostCommented),
    fc.constant(examples.PostShared),
    fc.constant(examples.ConnectionMade),
  )

  it("for every reader, every event and any contacts and blocks", () => {
    fc.assert(
      fc.property(
        event,
        pairs,
        pairs,
        fc.uniqueArray(member, { maxLength: 2 }),
        (e, links, blockPairs, hiders) => {
          const hides = (m: string) => hiders.includes(m)
          const linked = new Set(
            links.flatMap(([x, y]) => (x === y ? [] : [`${x}|${y}`, `${y}|${x}`])),
          )
          const blocks = new Set(blockPairs.map(([x, y]) => `${x}|${y}`))
          const connected = (x: string, y: string) => linked.has(`${x}|${y}`)
          const blocked = (x: string, y: string) =>
            blocks.has(`${x}|${y}`) || blocks.has(`${y}|${x}`)
          const contactsOf = (m: string) => members.filter((o) => connected(m, o))
          for (const f of deliver(e).feed) {
            const expanded = new Set(resolveAudience(f, contactsOf, blocked, hides))
            for (const reader of members)
              expect(reaches(f, reader, connected, blocked, hides)).toBe(expanded.has(reader))
          }
        },
      ),
    )
  })
})
