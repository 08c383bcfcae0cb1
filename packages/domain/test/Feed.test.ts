import { describe, expect, it } from "vitest"
import {
  assembleFeed,
  CommentInput,
  canSeePost,
  type FeedDelivery,
  isVisibleDelivery,
  Link,
  PostInput,
  ShareInput,
  subjectKey,
} from "../src/index.js"
import { days } from "./support/fixtures.js"

const post = { kind: "post" as const, postId: "p1", author: "ada" }
const d = (over: Partial<FeedDelivery>): FeedDelivery => ({
  reader: "carla",
  subject: post,
  broughtBy: "ada",
  reason: "posted",
  at: days(1),
  ...over,
})
const open = { reader: "carla", muted: new Set<string>(), blocked: new Set<string>() }

describe("assembleFeed", () => {
  it("one item per post per reader, naming everyone who brought it, newest first", () => {
    const items = assembleFeed(
      [
        d({}),
        d({ broughtBy: "bob", reason: "liked", at: days(3) }),
        d({ broughtBy: "bob", reason: "commented", at: days(4) }),
        d({
          subject: { kind: "connection", a: "ada", b: "bob" },
          reason: "connected",
          at: days(2),
        }),
      ],
      open,
    )
    expect(items.map((i) => i.key)).toEqual(["post:p1", "connection:ada:bob"])
    // Bob liked and commented: one entry naming both, the latest first.
    expect(items[0]?.broughtBy).toEqual([
      { member: "bob", reason: "commented", reasons: ["commented", "liked"] },
      { member: "ada", reason: "posted", reasons: ["posted"] },
    ])
    expect(items[0]?.latestAt).toEqual(days(4))
  })

  it("muted authors are hidden, and so is what muted contacts bring", () => {
    const deliveries = [
      d({}),
      d({ subject: { ...post, postId: "p2", author: "dora" }, broughtBy: "bob", reason: "liked" }),
    ]
    expect(
      assembleFeed(deliveries, { ...open, muted: new Set(["ada"]) }).map((i) => i.key),
    ).toEqual(["post:p2"])
    expect(
      assembleFeed(deliveries, { ...open, muted: new Set(["bob"]) }).map((i) => i.key),
    ).toEqual(["post:p1"])
  })

  it("a post liked by a muted contact still shows when someone else brought it", () => {
    const items = assembleFeed([d({}), d({ broughtBy: "bob", reason: "liked", at: days(2) })], {
      ...open,
      muted: new Set(["bob"]),
    })
    expect(items[0]?.broughtBy).toEqual([{ member: "ada", reason: "posted", reasons: ["posted"] }])
  })

  it("blocked members appear nowhere: not as author, bringer or connection side", () => {
    const deliveries = [
      d({}),
      d({ subject: { ...post, postId: "p2", author: "dora" }, broughtBy: "eve", reason: "liked" }),
      d({
        subject: { kind: "connection", a: "bob", b: "eve" },
        broughtBy: "bob",
        reason: "connected",
      }),
    ]
    expect(
      assembleFeed(deliveries, { ...open, blocked: new Set(["eve"]) }).map((i) => i.key),
    ).toEqual(["post:p1"])
  })

  it("other readers' deliveries never show", () => {
    expect(assembleFeed([d({ reader: "bob" })], open)).toEqual([])
  })

  it("one's own activity is never filtered", () => {
    expect(
      isVisibleDelivery(d({ reader: "ada", broughtBy: "ada" }), {
        reader: "ada",
        muted: new Set(["ada"]),
        blocked: new Set(),
      }),
    ).toBe(true)
  })

  it("equal times order by key, so the feed is stable", () => {
    const items = assembleFeed(
      [d({ subject: { ...post, postId: "b" } }), d({ subject: { ...post, postId: "a" } })],
      open,
    )
    expect(items.map((i) => i.key)).toEqual(["post:a", "post:b"])
  })
})

describe("canSeePost", () => {
  it("anyone but a member blocked either way with the author", () => {
    expect(canSeePost("carla", post, { blocked: new Set() })).toBe(true)
    expect(canSeePost("carla", post, { blocked: new Set(["ada"]) })).toBe(false)
    expect(canSeePost("ada", post, { blocked: new Set(["ada"]) })).toBe(true)
  })
})

describe("feed schemas", () => {
  it("links are http or https only", () => {
    expect(Link.safeParse("https://example.org/x?y=1").success).toBe(true)
    expect(Link.safeParse("http://example.org").success).toBe(true)
    expect(Link.safeParse("https://social.example/@sandra").success).toBe(true)
    for (const bad of [
      "javascript:alert(1)",
      "data:text/html,hi",
      "ftp://example.org",
      "example.org",
      "",
      `https://${"a".repeat(2100)}`,
      "https://bank.example@evil.example/login",
      "https://user:secret@example.org/",
      "https://example.org/\u202Egpj.exe",
    ]) {
      expect(Link.safeParse(bad).success, bad).toBe(false)
    }
  })

  it("post, comment and share text refuse direction overrides", () => {
    const flipped = "Rechnung_\u202Efdp.exe"
    expect(PostInput.safeParse({ text: flipped }).success).toBe(false)
    expect(CommentInput.safeParse({ text: flipped }).success).toBe(false)
    expect(ShareInput.safeParse({ text: flipped }).success).toBe(false)
    expect(PostInput.safeParse({ text: "Arabic: مرحبا, Hebrew: שלום" }).success).toBe(true)
  })

  it("posts are 1..3000 characters, comments 1..1250", () => {
    expect(PostInput.safeParse({ text: "x".repeat(3_000) }).success).toBe(true)
    expect(PostInput.safeParse({ text: "x".repeat(3_001) }).success).toBe(false)
    expect(PostInput.safeParse({ text: "  " }).success).toBe(false)
    expect(PostInput.safeParse({ text: "hi", link: "javascript:alert(1)" }).success).toBe(false)
    expect(CommentInput.safeParse({ text: "x".repeat(1_250) }).success).toBe(true)
    expect(CommentInput.safeParse({ text: "x".repeat(1_251) }).success).toBe(false)
    expect(ShareInput.safeParse({}).success).toBe(true)
  })

  it("subject keys tell posts and connections apart", () => {
    expect(subjectKey({ kind: "connection", a: "a", b: "b" })).toBe("connection:a:b")
  })
})
