import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  commentOnPost,
  deletePost,
  flagPost,
  likePost,
  type Post,
  publishPost,
  sharePost,
  unflagPost,
  unlikePost,
} from "../src/index.js"
import { days, err, ok } from "./support/fixtures.js"

const post: Post = ok(
  publishPost(
    { text: "Neuer Artikel", link: "https://example.org/a" },
    { author: "ada", id: "p1", now: days(1) },
  ),
).state
const seen = { actor: "bob", now: days(2), canSee: true }
const hidden = { ...seen, canSee: false }

describe("posts", () => {
  it("publish stores text and link", () => {
    expect(post).toMatchObject({
      id: "p1",
      author: "ada",
      text: "Neuer Artikel",
      link: "https://example.org/a",
    })
    expect(
      ok(publishPost({ text: "ohne Link" }, { author: "ada", id: "p2", now: days(1) })).state.link,
    ).toBeNull()
  })

  it("only the author deletes", () => {
    expect(ok(deletePost(post, { actor: "ada", now: days(3) })).events.map((e) => e._tag)).toEqual([
      "PostDeleted",
    ])
    expect(err(deletePost(post, { actor: "bob", now: days(3) }))._tag).toBe("PostNotFound")
  })

  it("like once; a second like is AlreadyLiked; unlike takes it back", () => {
    expect(ok(likePost(post, { ...seen, alreadyLiked: false })).events[0]).toMatchObject({
      _tag: "PostLiked",
      by: "bob",
      author: "ada",
    })
    expect(err(likePost(post, { ...seen, alreadyLiked: true }))._tag).toBe("AlreadyLiked")
    expect(ok(unlikePost(post, { ...seen, liked: true })).events.map((e) => e._tag)).toEqual([
      "PostUnliked",
    ])
    expect(ok(unlikePost(post, { ...seen, liked: false })).events).toEqual([])
  })

  it("comment and share carry the post on", () => {
    const c = ok(commentOnPost(post, { text: "Stark!" }, { ...seen, id: "k1" }))
    expect(c.state).toMatchObject({ id: "k1", postId: "p1", author: "bob", text: "Stark!" })
    expect(c.events[0]).toMatchObject({ _tag: "PostCommented", commentId: "k1" })
    const s = ok(sharePost(post, { text: "Lesenswert" }, { ...seen, id: "s1" }))
    expect(s.state).toMatchObject({ by: "bob", text: "Lesenswert" })
    expect(ok(sharePost(post, {}, { ...seen, id: "s2" })).state.text).toBeNull()
  })

  it("flag is private and not for one's own posts", () => {
    expect(ok(flagPost(post, seen)).events.map((e) => e._tag)).toEqual(["PostFlagged"])
    expect(err(flagPost(post, { ...seen, actor: "ada" }))._tag).toBe("CannotTargetSelf")
  })

  it("a flag counts against each contact of the flagger who spread the post, never against anyone else", () => {
    const member = fc.constantFrom("ada", "bob", "cem", "dora", "eli", "fay")
    const reactor = fc.record({
      member,
      isFlaggersContact: fc.boolean(),
      blockedWithFlagger: fc.boolean(),
    })
    fc.assert(
      fc.property(
        fc.array(reactor, { maxLength: 12 }),
        fc.constantFrom("bob", "cem"),
        (reactors, actor) => {
          const { spreaders } = ok(flagPost(post, { ...seen, actor, reactors })).state
          // Never someone who did not bring it to the flagger, nor the author or the flagger.
          for (const s of spreaders) {
            expect(s).not.toBe(post.author)
            expect(s).not.toBe(actor)
            expect(
              reactors.some((r) => r.member === s && r.isFlaggersContact && !r.blockedWithFlagger),
            ).toBe(true)
          }
          // And every contact who did, once.
          for (const r of reactors)
            if (
              r.isFlaggersContact &&
              !r.blockedWithFlagger &&
              r.member !== post.author &&
              r.member !== actor
            )
              expect(spreaders).toContain(r.member)
          expect(new Set(spreaders).size).toBe(spreaders.length)
        },
      ),
    )
  })

  it("a flag is taken back privately; taking back none changes nothing", () => {
    expect(ok(unflagPost(post, { ...seen, flagged: true })).events.map((e) => e._tag)).toEqual([
      "PostUnflagged",
    ])
    expect(ok(unflagPost(post, { ...seen, flagged: false })).events).toEqual([])
    expect(err(unflagPost(post, { ...hidden, flagged: true }))._tag).toBe("PostNotFound")
  })

  it("a member who may not see the post cannot touch it", () => {
    expect(err(likePost(post, { ...hidden, alreadyLiked: false }))._tag).toBe("PostNotFound")
    expect(err(unlikePost(post, { ...hidden, liked: true }))._tag).toBe("PostNotFound")
    expect(err(commentOnPost(post, { text: "x" }, { ...hidden, id: "k" }))._tag).toBe(
      "PostNotFound",
    )
    expect(err(sharePost(post, {}, { ...hidden, id: "s" }))._tag).toBe("PostNotFound")
    expect(err(flagPost(post, hidden))._tag).toBe("PostNotFound")
  })
})
