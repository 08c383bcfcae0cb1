/**
 * Posts and what members do with them: publish, delete, like, unlike,
 * comment, share, flag as odd news. Each transition is told whether the actor
 * may see the post (see `canSeePost`); one who may not gets `PostNotFound`.
 *
 * @module
 */
import { Either } from "effect"
import { AlreadyLiked, CannotTargetSelf, PostNotFound } from "./Errors.js"
import { DomainEvent } from "./Events.js"
import type { CommentInput, PostInput, ShareInput } from "./Feed.js"
import type { MemberId } from "./Ids.js"
import type { Transition } from "./Transition.js"

/** A post as stored. */
export interface Post {
  readonly id: string
  readonly author: MemberId
  readonly text: string
  readonly link: string | null
  readonly createdAt: Date
}

/** A comment as stored. */
export interface Comment {
  readonly id: string
  readonly postId: string
  readonly author: MemberId
  readonly text: string
  readonly createdAt: Date
}

/** A share: a post carried on, with the sharer's own words. */
export interface Share {
  readonly id: string
  readonly postId: string
  readonly by: MemberId
  readonly text: string | null
  readonly createdAt: Date
}

/** Who acts on a post, when, and whether they may see it. */
export interface PostActionContext {
  readonly actor: MemberId
  readonly now: Date
  /** From `canSeePost`: false when a block stands between actor and author. */
  readonly canSee: boolean
}

const facts = (post: Post, by: MemberId, at: Date) => ({
  postId: post.id,
  author: post.author,
  by,
  at,
})

/**
 * Publishes a post. Parse the input with `PostInput` first.
 *
 * @example
 * ```ts
 * publishPost({ text: "Neuer Artikel", link: "https://example.org" }, { author: "a", id: "p1", now })
 * ```
 */
export const publishPost = (
  input: PostInput,
  context: { readonly author: MemberId; readonly id: string; readonly now: Date },
): Transition<Post> => {
  const post: Post = {
    id: context.id,
    author: context.author,
    text: input.text,
    link: input.link ?? null,
    createdAt: context.now,
  }
  return Either.right({
    state: post,
    events: [DomainEvent.PostPublished({ postId: post.id, author: post.author, at: context.now })],
  })
}

/**
 * Deletes a post; only its author may. It leaves every feed.
 *
 * @example
 * ```ts
 * deletePost(post, { actor: post.author, now })
 * ```
 */
export const deletePost = (
  post: Post,
  context: { readonly actor: MemberId; readonly now: Date },
): Transition<null> =>
  context.actor === post.author
    ? Either.right({
        state: null,
        events: [
          DomainEvent.PostDeleted({ postId: post.id, author: post.author, at: context.now }),
        ],
      })
    : Either.left(new PostNotFound())

/**
 * Likes a post: it travels on to the liker's contacts. Liking twice is `AlreadyLiked`.
 *
 * @example
 * ```ts
 * likePost(post, { actor: "b", now, canSee: true, alreadyLiked: false })
 * ```
 */
export const likePost = (
  post: Post,
  context: PostActionContext & { readonly alreadyLiked: boolean },
): Transition<null> => {
  if (!context.canSee) return Either.left(new PostNotFound())
  if (context.alreadyLiked) return Either.left(new AlreadyLiked())
  return Either.right({
    state: null,
    events: [DomainEvent.PostLiked(facts(post, context.actor, context.now))],
  })
}

/**
 * Takes a like back; what the like brought to the liker's contacts goes too.
 * Unliking a post one does not like changes nothing.
 *
 * @example
 * ```ts
 * unlikePost(post, { actor: "b", now, canSee: true, liked: true })
 * ```
 */
export const unlikePost = (
  post: Post,
  context: PostActionContext & { readonly liked: boolean },
): Transition<null> => {
  if (!context.canSee) return Either.left(new PostNotFound())
  return Either.right({
    state: null,
    events: context.liked ? [DomainEvent.PostUnliked(facts(post, context.actor, context.now))] : [],
  })
}

/**
 * Comments on a post: it travels on to the commenter's contacts, still one
 * item per reader. Parse the input with `CommentInput` first.
 *
 * @example
 * ```ts
 * commentOnPost(post, { text: "Stark!" }, { actor: "b", id: "k1", now, canSee: true })
 * ```
 */
export const commentOnPost = (
  post: Post,
  input: CommentInput,
  context: PostActionContext & { readonly id: string },
): Transition<Comment> => {
  if (!context.canSee) return Either.left(new PostNotFound())
  return Either.right({
    state: {
      id: context.id,
      postId: post.id,
      author: context.actor,
      text: input.text,
      createdAt: context.now,
    },
    events: [
      DomainEvent.PostCommented({
        ...facts(post, context.actor, context.now),
        commentId: context.id,
      }),
    ],
  })
}

/**
 * Shares a post with one's own words: it travels on to the sharer's contacts.
 *
 * @example
 * ```ts
 * sharePost(post, { text: "Lesenswert" }, { actor: "b", id: "s1", now, canSee: true })
 * ```
 */
export const sharePost = (
  post: Post,
  input: ShareInput,
  context: PostActionContext & { readonly id: string },
): Transition<Share> => {
  if (!context.canSee) return Either.left(new PostNotFound())
  const text = input.text === undefined || input.text.length === 0 ? null : input.text
  return Either.right({
    state: { id: context.id, postId: post.id, by: context.actor, text, createdAt: context.now },
    events: [
      DomainEvent.PostShared({ ...facts(post, context.actor, context.now), shareId: context.id }),
    ],
  })
}

/** Someone who liked, commented on or shared a post, as the flagger is related to them. */
export interface Reactor {
  readonly member: MemberId
  /** Whether they are the flagger's contact: only so could they have brought it to the flagger. */
  readonly isFlaggersContact: boolean
  /** A block between them and the flagger, either way. */
  readonly blockedWithFlagger: boolean
}

/**
 * Flags a post as odd news: a private mark that feeds the review of its
 * author and of everyone who spread it to the flagger — each contact of
 * theirs who liked, commented on or shared it (seed 1: "dass der Kontakt zu
 * eigenartige Neuigkeiten verbreitet"). Never anyone else: not a reactor who
 * is not the flagger's contact (they brought it to others, not to the
 * flagger), not one a block separates from the flagger, not the author
 * (counted as the author), not the flagger. Silent. One's own posts cannot be
 * flagged.
 *
 * @example
 * ```ts
 * flagPost(post, { actor: "b", now, canSee: true, reactors: [{ member: "c", isFlaggersContact: true, blockedWithFlagger: false }] })
 * // state: { spreaders: ["c"] }
 * ```
 */
export const flagPost = (
  post: Post,
  context: PostActionContext & { readonly reactors?: readonly Reactor[] },
): Transition<{ readonly spreaders: readonly MemberId[] }> => {
  if (!context.canSee) return Either.left(new PostNotFound())
  if (context.actor === post.author) return Either.left(new CannotTargetSelf())
  const spreaders = [
    ...new Set(
      (context.reactors ?? [])
        .filter(
          (r) =>
            r.isFlaggersContact &&
            !r.blockedWithFlagger &&
            r.member !== post.author &&
            r.member !== context.actor,
        )
        .map((r) => r.member),
    ),
  ]
  return Either.right({
    state: { spreaders },
    events: [DomainEvent.PostFlagged(facts(post, context.actor, context.now))],
  })
}

/**
 * Takes my "odd news" flag back; nothing changes when I had not flagged it.
 * As private as the flag: nobody is told either way.
 *
 * @example
 * ```ts
 * unflagPost(post, { actor: "b", now, canSee: true, flagged: true })
 * ```
 */
export const unflagPost = (
  post: Post,
  context: PostActionContext & { readonly flagged: boolean },
): Transition<null> => {
  if (!context.canSee) return Either.left(new PostNotFound())
  return Either.right({
    state: null,
    events: context.flagged
      ? [DomainEvent.PostUnflagged(facts(post, context.actor, context.now))]
      : [],
  })
}
