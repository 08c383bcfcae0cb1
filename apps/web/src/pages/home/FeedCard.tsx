/**
 * One feed item: who brought it and why (every reason of each), the words
 * they shared it with, the post or the new connection, and what can be done
 * with a post — like, comment, share with words of my own, flag as odd (private), mute
 * its author. Every action shows at once and is undone if the server refuses.
 */
import { A } from "@solidjs/router"
import { createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { useSession } from "../../session.js"
import { Avatar } from "../../ui/Avatar.js"
import { displayLink } from "../../ui/links.js"
import { useToasts } from "../../ui/Toasts.js"
import { Comments } from "./Comments.js"
import { ShareDialog } from "./ShareDialog.js"

export type FeedItem = Awaited<ReturnType<typeof loadFeed>>["items"][number]
const loadFeed = () => ok(api.v1.feed.$get({ query: {} }))

type Member = FeedItem["broughtBy"][number]["member"]

export const FeedCard = (props: {
  item: FeedItem
  items: () => readonly FeedItem[]
  onHide: (keys: readonly string[]) => void
  onUnhide: (keys: readonly string[]) => void
}) => {
  const { t, date } = useI18n()
  const session = useSession()
  const toasts = useToasts()
  const post = () => props.item.post
  const [liked, setLiked] = createSignal(props.item.post?.likedByMe ?? false)
  const [likes, setLikes] = createSignal(props.item.post?.likes ?? 0)
  const [flagged, setFlagged] = createSignal(props.item.post?.flaggedByMe ?? false)
  const [commentsOpen, setCommentsOpen] = createSignal(false)
  const [sharing, setSharing] = createSignal(false)
  const [comments, setComments] = createSignal(props.item.post?.comments ?? 0)
  const mine = () => post()?.author.handle === session.me()?.handle
  // The author can be muted when they are my contact: then they brought it themselves.
  const mutable = () =>
    !mine() &&
    props.item.broughtBy.some(
      (b) => b.reason === "posted" && b.member.handle === post()?.author.handle,
    )

  const toggleLike = async () => {
    const p = post()
    if (p === null) return
    const was = liked()
    setLiked(!was)
    setLikes((n) => n + (was ? -1 : 1))
    try {
      await ok(
        was
          ? api.v1.posts[":id"].like.$delete({ param: { id: p.id } })
          : api.v1.posts[":id"].like.$post({ param: { id: p.id } }),
      )
    } catch {
      setLiked(was)
      setLikes((n) => n + (was ? 1 : -1))
      toasts.show(t("feed.actionFailed"), "error")
    }
  }

  // A toggle: a flag made by mistake is taken back, as privately as it was made.
  const flag = async () => {
    const p = post()
    if (p === null) return
    const was = flagged()
    setFlagged(!was)
    try {
      if (was) await ok(api.v1.posts[":id"].flag.$delete({ param: { id: p.id } }))
      else await ok(api.v1.posts[":id"].flag.$post({ param: { id: p.id } }))
      toasts.show(t(was ? "feed.unflagged" : "feed.flagged"))
    } catch {
      setFlagged(was)
      toasts.show(t("feed.actionFailed"), "error")
    }
  }

  const mute = async (member: Member) => {
    const keys = props
      .items()
      .filter(
        (i) =>
          i.post?.author.handle === member.handle ||
          i.broughtBy.some((b) => b.member.handle === member.handle),
      )
      .map((i) => i.key)
    props.onHide(keys)
    try {
      await ok(
        api.v1.contacts[":handle"].$patch({
          param: { handle: member.handle },
          json: { muted: true },
        }),
      )
      toasts.show(t("feed.muted", { name: member.displayName }))
    } catch {
      props.onUnhide(keys)
      toasts.show(t("feed.actionFailed"), "error")
    }
  }

  return (
    <article class="card feed-card" aria-labelledby={`item-${props.item.key}`}>
      <Show when={props.item.kind === "post" && props.item.broughtBy.length > 0}>
        <p class="brought-by muted">
          <For each={props.item.broughtBy}>
            {(b, i) => (
              <>
                <Show when={i() > 0}>{", "}</Show>
                {b.reasons.length > 1
                  ? t("feed.reasons", {
                      name: b.member.displayName,
                      list: b.reasons.map((r) => t(`feed.reasonShort.${r}`)).join(t("feed.and")),
                    })
                  : t(`feed.reason.${b.reason}`, { name: b.member.displayName })}
              </>
            )}
          </For>
        </p>
        <For each={props.item.broughtBy.filter((b) => b.words !== null)}>
          {(b) => (
            <blockquote class="share-words">
              <p>{b.words}</p>
              <footer class="muted">— {b.member.displayName}</footer>
            </blockquote>
          )}
        </For>
      </Show>
      <Show when={post()}>
        {(p) => (
          <>
            <header class="post-head">
              <Avatar member={p().author} />
              <div>
                <A
                  href={`/members/${p().author.handle}${mine() ? "" : `?post=${p().id}`}`}
                  class="member-name"
                  id={`item-${props.item.key}`}
                >
                  {p().author.displayName}
                </A>
                <span class="muted">
                  {" · "}
                  <time datetime={p().createdAt}>{date(p().createdAt)}</time>
                </span>
              </div>
            </header>
            <p class="post-text">{p().text}</p>
            <Show when={p().link}>
              {(link) => (
                <p>
                  <a href={link()} rel="noopener noreferrer nofollow ugc" target="_blank">
                    {displayLink(link())}
                  </a>
                </p>
              )}
            </Show>
            <fieldset class="actions">
              <legend class="visually-hidden">{t("feed.actions")}</legend>
              <button
                type="button"
                class="button button-quiet"
                aria-pressed={liked()}
                onClick={toggleLike}
              >
                {liked() ? t("feed.liked") : t("feed.like")} ({likes()})
              </button>
              <button
                type="button"
                class="button button-quiet"
                aria-expanded={commentsOpen()}
                onClick={() => setCommentsOpen((o) => !o)}
              >
                {t("feed.comments", { n: String(comments()) })}
              </button>
              <Show when={!mine()}>
                <button type="button" class="button button-quiet" onClick={() => setSharing(true)}>
                  {t("feed.share")}…
                </button>
                <button
                  type="button"
                  class="button button-quiet"
                  aria-pressed={flagged()}
                  title={flagged() ? t("feed.unflagHint") : t("feed.flagHint")}
                  onClick={flag}
                >
                  {flagged() ? t("feed.flaggedLabel") : t("feed.flag")}
                </button>
              </Show>
              <Show when={mutable()}>
                <button type="button" class="button button-quiet" onClick={() => mute(p().author)}>
                  {t("feed.mute", { name: p().author.displayName })}
                </button>
              </Show>
            </fieldset>
            <Show when={commentsOpen()}>
              <Comments postId={p().id} onAdded={() => setComments((n) => n + 1)} />
            </Show>
            <ShareDialog open={sharing()} postId={p().id} onClose={() => setSharing(false)} />
          </>
        )}
      </Show>
      <Show when={props.item.connection}>
        {(c) => (
          <p class="connection-news" id={`item-${props.item.key}`}>
            <Avatar member={c().a} size="s" />
            <Avatar member={c().b} size="s" />
            {t("feed.connected", { a: c().a.displayName, b: c().b.displayName })}
          </p>
        )}
      </Show>
    </article>
  )
}
