/**
 * A list read page by page: the pages after the first one (which a
 * resource reads), where the next one starts, and a "more" button with the
 * error of the last try.
 */
import { createSignal, Show } from "solid-js"
import { ErrorNote } from "./States.js"

export interface Page<T> {
  readonly items: readonly T[]
  readonly nextCursor: string | null
}

export const createMorePages = <T,>(
  first: () => Page<T> | undefined,
  load: (cursor: string) => Promise<Page<T>>,
  options: { readonly onError?: (error: unknown) => void } = {},
) => {
  const [more, setMore] = createSignal<{ items: readonly T[]; cursor: string | null } | null>(null)
  const [error, setError] = createSignal<unknown>(null)
  const cursor = () => (more() === null ? (first()?.nextCursor ?? null) : (more()?.cursor ?? null))
  const loadMore = async () => {
    const c = cursor()
    if (c === null) return
    try {
      const page = await load(c)
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], cursor: page.nextCursor }))
    } catch (e) {
      if (options.onError === undefined) setError(e)
      else options.onError(e)
    }
  }
  return {
    /** The items of the pages after the first. */
    items: (): readonly T[] => more()?.items ?? [],
    cursor,
    error,
    loadMore,
    /** Back to the first page alone (its source changed). */
    reset: () => {
      setMore(null)
      setError(null)
    },
    /** Changes the items loaded so far (one edited or removed). */
    update: (f: (items: readonly T[]) => readonly T[]) =>
      setMore((m) => (m === null ? m : { ...m, items: f(m.items) })),
  }
}
export type MorePages = ReturnType<typeof createMorePages>

/** The last try's error, and the button for the next page while there is one. */
export const MorePagesButton = (props: {
  readonly pages: Pick<MorePages, "cursor" | "error" | "loadMore">
  readonly label: string
  readonly quiet?: boolean
}) => (
  <>
    <Show when={props.pages.error() !== null}>
      <ErrorNote error={props.pages.error()} retry={() => void props.pages.loadMore()} />
    </Show>
    <Show when={props.pages.cursor() !== null}>
      <button
        type="button"
        class={props.quiet === true ? "button button-quiet" : "button"}
        onClick={() => void props.pages.loadMore()}
      >
        {props.label}
      </button>
    </Show>
  </>
)
