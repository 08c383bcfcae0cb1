/**
 * My contacts: search, filter by my categories, sort by name, by when we
 * connected or by when a review is due; a panel for one contact.
 */
import { useSearchParams } from "@solidjs/router"
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Avatar } from "../../ui/Avatar.js"
import { settled } from "../../ui/resource.js"
import { Async, Empty, ErrorNote } from "../../ui/States.js"
import { ContactPanel } from "./ContactPanel.js"

type Sort = "name" | "connectedAt" | "reviewDue"
const SORTS: readonly Sort[] = ["name", "connectedAt", "reviewDue"]

const loadPage = (filters: { q: string; category: string; sort: Sort }, cursor: string | null) =>
  ok(
    api.v1.contacts.$get({
      query: {
        sort: filters.sort,
        ...(filters.q === "" ? {} : { q: filters.q }),
        ...(filters.category === "" ? {} : { category: filters.category }),
        ...(cursor === null ? {} : { cursor }),
      },
    }),
  )
export type Contact = Awaited<ReturnType<typeof loadPage>>["items"][number]

export const Contacts = () => {
  const { t, date } = useI18n()
  const [params, setParams] = useSearchParams()
  const filters = () => ({
    q: typeof params["q"] === "string" ? params["q"] : "",
    category: typeof params["category"] === "string" ? params["category"] : "",
    sort: (SORTS.includes(params["sort"] as Sort) ? params["sort"] : "name") as Sort,
  })
  const [categories] = createResource(() => ok(api.v1.categories.$get()))
  const [first, { mutate, refetch }] = createResource(filters, (f) => loadPage(f, null))
  const [more, setMore] = createSignal<{ items: Contact[]; cursor: string | null } | null>(null)
  const [moreError, setMoreError] = createSignal<unknown>(null)
  const items = () => [...(first()?.items ?? []), ...(more()?.items ?? [])]
  const cursor = () => (more() === null ? (first()?.nextCursor ?? null) : (more()?.cursor ?? null))
  const open = () => (typeof params["open"] === "string" ? params["open"] : null)
  const categoryName = (id: string) =>
    settled(categories)?.items.find((c) => c.id === id)?.name ?? ""

  const loadMore = async () => {
    const c = cursor()
    if (c === null) return
    try {
      const page = await loadPage(filters(), c)
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], cursor: page.nextCursor }))
    } catch (e) {
      setMoreError(e)
    }
  }
  const replace = (next: Contact | null, handle: string) => {
    const swap = (list: Contact[]) =>
      next === null
        ? list.filter((c) => c.member.handle !== handle)
        : list.map((c) => (c.member.handle === handle ? next : c))
    mutate((p) => (p === undefined ? p : { ...p, items: swap(p.items) }))
    setMore((m) => (m === null ? m : { ...m, items: swap(m.items) }))
  }

  return (
    <section class="contacts" classList={{ "with-panel": open() !== null }}>
      <h1>{t("contacts.title")}</h1>
      <search class="filters">
        <label>
          {t("contacts.search")}
          <input
            type="search"
            value={filters().q}
            onInput={(e) => {
              setMore(null)
              setParams({ q: e.currentTarget.value || undefined })
            }}
          />
        </label>
        <label>
          {t("contacts.category")}
          <select
            value={filters().category}
            onChange={(e) => {
              setMore(null)
              setParams({ category: e.currentTarget.value || undefined })
            }}
          >
            <option value="">{t("contacts.allCategories")}</option>
            <For each={settled(categories)?.items ?? []}>
              {(c) => <option value={c.id}>{c.name}</option>}
            </For>
          </select>
        </label>
        <label>
          {t("contacts.sort")}
          <select
            value={filters().sort}
            onChange={(e) => {
              setMore(null)
              setParams({ sort: e.currentTarget.value })
            }}
          >
            <For each={SORTS}>{(s) => <option value={s}>{t(`contacts.sortBy.${s}`)}</option>}</For>
          </select>
        </label>
      </search>
      <div class="split">
        <div>
          <Async retry={() => void refetch()}>
            <Show when={first()}>
              <Show when={items().length > 0} fallback={<Empty>{t("contacts.empty")}</Empty>}>
                <ul class="contact-list">
                  <For each={items()}>
                    {(c) => (
                      <li>
                        <button
                          type="button"
                          class="contact-row"
                          aria-current={open() === c.member.handle ? "true" : undefined}
                          onClick={() => setParams({ open: c.member.handle })}
                        >
                          <Avatar member={c.member} />
                          <span class="contact-row-text">
                            <span class="member-name">{c.member.displayName}</span>
                            <span class="muted">{c.member.headline}</span>
                            <span class="tags">
                              <For each={c.categoryIds}>
                                {(id) => <span class="tag">{categoryName(id)}</span>}
                              </For>
                              <Show when={c.muted}>
                                <span class="tag tag-quiet">{t("contacts.muted")}</span>
                              </Show>
                            </span>
                          </span>
                          <span class="muted small">
                            {filters().sort === "reviewDue"
                              ? t("contacts.reviewOn", { date: date(c.reviewDueAt) })
                              : t("contacts.since", { date: date(c.connectedAt) })}
                          </span>
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
                <Show when={moreError()}>
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
        </div>
        <Show when={open()}>
          {(handle) => (
            <ContactPanel
              handle={handle()}
              categories={settled(categories)?.items ?? []}
              onChanged={(next) => replace(next, handle())}
              onClose={() => setParams({ open: undefined })}
            />
          )}
        </Show>
      </div>
    </section>
  )
}
