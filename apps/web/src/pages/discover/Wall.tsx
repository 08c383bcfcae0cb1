/**
 * A member's wall on their profile: their posts, newest first, with what can
 * be done with each (as in the feed). Shared with their contacts only: to
 * anyone else it says so, and nothing about whether there is anything.
 */
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { createMorePages, MorePagesButton } from "../../ui/pages.js"
import { Async, Empty } from "../../ui/States.js"
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
  const more = createMorePages(first, (cursor) => loadPage(props.handle, cursor))
  const [hidden, setHidden] = createSignal<ReadonlySet<string>>(new Set())
  const items = () =>
    [...(first()?.items ?? []), ...more.items()].map(asItem).filter((i) => !hidden().has(i.key))

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
              <MorePagesButton pages={more} label={t("action.more")} />
            </Show>
          </Show>
        </Async>
      </Show>
    </section>
  )
}
