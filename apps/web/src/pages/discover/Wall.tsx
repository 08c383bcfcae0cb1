/**
 * A member's wall on their profile: their posts, newest first, with what can
 * be done with each (as in the feed). Shared with their contacts only: to
 * anyone else it says so, and nothing about whether there is anything.
 */
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Async, Empty, ErrorNote } from "../../ui/States.js"
import { FeedCard, type FeedItem } from "../home/FeedCard.js"

const loadPage = (handle: string, cursor: string | null) =>
  ok(
    api.v1.members[":handle"].posts.$get({
      param: { handle },
      query: cursor === null ? {} : { cursor },
    }),
  )
type WallPost = Awaited<ReturnType<typeof loadPage>>["items"][number]

/** A post of the wall as the feed's card shows it: nobody to name as having brought it. */
const asItem = (p: WallPost): FeedItem => ({
  key: `post:${p.id}`,
  kind: "post",
  post: p,
  connection: null,
  broughtBy: [],
  latestAt: p.createdAt,
})

export const Wall = (props: { readonly handle: string; readonly readable: boolean }) => {
  const { t } = useI18n()
  const [first, { refetch }] = createResource(
    () => (props.readable ? props.handle : false),
    (h) => loadPage(h, null),
  )
  const [more, setMore] = createSignal<{ items: WallPost[]; cursor: string | null } | null>(null)
  const [moreError, setMoreError] = createSignal<unknown>(null)
  const [hidden, setHidden] = createSignal<ReadonlySet<string>>(new Set())
  const items = () =>
    [...(first()?.items ?? []), ...(more()?.items ?? [])]
      .map(asItem)
      .filter((i) => !hidden().has(i.key))
  const cursor = () => (more() === null ? (first()?.nextCursor ?? null) : (more()?.cursor ?? null))
  const loadMore = async () => {
    const c = cursor()
    if (c === null) return
    try {
      const page = await loadPage(props.handle, c)
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], cursor: page.nextCursor }))
    } catch (e) {
      setMoreError(e)
    }
  }

  return (
    <section class="wall" aria-labelledby="wall-title">
      <h2 id="wall-title">{t("profile.wall")}</h2>
      <Show when={props.readable} fallback={<p class="muted">{t("profile.wallForContacts")}</p>}>
        <Async retry={() => void refetch()}>
          <Show when={first()}>
            <Show when={items().length > 0} fallback={<Empty>{t("profile.wallEmpty")}</Empty>}>
              <For each={items()}>
                {(item) => (
                  <FeedCard
                    item={item}
                    items={items}
                    onHide={(keys) => setHidden((h) => new Set([...h, ...keys]))}
                    onUnhide={(keys) =>
                      setHidden((h) => new Set([...h].filter((k) => !keys.includes(k))))
                    }
                  />
                )}
              </For>
              <Show when={moreError() !== null}>
                <ErrorNote error={moreError()} retry={() => void loadMore()} />
              </Show>
              <Show when={cursor() !== null}>
                <button type="button" class="button" onClick={() => void loadMore()}>
                  {t("action.more")}
                </button>
              </Show>
            </Show>
          </Show>
        </Async>
      </Show>
    </section>
  )
}
