/**
 * My contacts: search (names and my notes), filter by my categories (or
 * none), importance, muted, accepted automatically; sort by name, by when we
 * connected or by when a review is due; select some to put into a category
 * at once; a panel for one contact.
 */
import { createResource, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Avatar } from "../../ui/Avatar.js"
import { createMorePages, MorePagesButton } from "../../ui/pages.js"
import { settled } from "../../ui/resource.js"
import { Async, Empty } from "../../ui/States.js"
import { createSelection } from "../../ui/selection.js"
import { ExportLinks } from "../addressbook/ExportLinks.js"
import { BulkCategorize } from "./BulkCategorize.js"
import { ContactFilters, type Filters, useFilters } from "./ContactFilters.js"
import { ContactPanel } from "./ContactPanel.js"

const loadPage = (filters: Filters, cursor: string | null) =>
  ok(
    api.v1.contacts.$get({
      query: {
        sort: filters.sort,
        ...(filters.q === "" ? {} : { q: filters.q }),
        ...(filters.category === "" ? {} : { category: filters.category }),
        ...(filters.importance === "" ? {} : { importance: filters.importance }),
        ...(filters.muted === "" ? {} : { muted: filters.muted }),
        ...(filters.auto ? { acceptedAutomatically: "true" as const } : {}),
        ...(cursor === null ? {} : { cursor }),
      },
    }),
  )
export type Contact = Awaited<ReturnType<typeof loadPage>>["items"][number]

export const Contacts = () => {
  const { t, date } = useI18n()
  const { filters, params, setParams } = useFilters()
  const [categories] = createResource(() => ok(api.v1.categories.$get()))
  const [first, { mutate, refetch }] = createResource(filters, (f) => loadPage(f, null))
  const more = createMorePages(first, (cursor) => loadPage(filters(), cursor))
  const selected = createSelection()
  const items = () => [...(first()?.items ?? []), ...more.items()]
  const open = () => (typeof params["open"] === "string" ? params["open"] : null)
  const categoryList = () => settled(categories)?.items ?? []
  const categoryName = (id: string) => categoryList().find((c) => c.id === id)?.name ?? ""
  const change = (patch: Record<string, string | undefined>) => {
    more.reset()
    selected.clear()
    setParams(patch)
  }

  const replace = (next: Contact | null, handle: string) => {
    const swap = (list: readonly Contact[]) =>
      next === null
        ? list.filter((c) => c.member.handle !== handle)
        : list.map((c) => (c.member.handle === handle ? next : c))
    mutate((p) => (p === undefined ? p : { ...p, items: swap(p.items) }))
    more.update(swap)
  }

  return (
    <section class="contacts" classList={{ "with-panel": open() !== null }}>
      <h1>{t("contacts.title")}</h1>
      <div class="actions">
        <ExportLinks category={filters().category} />
      </div>
      <ContactFilters filters={filters()} categories={categoryList()} onChange={change} />
      <BulkCategorize
        selected={items().filter((c) => selected.has(c.member.handle))}
        categories={categoryList()}
        onChanged={(next) => replace(next, next.member.handle)}
        onClear={() => selected.clear()}
      />
      <div class="split">
        <div>
          <Async retry={() => void refetch()}>
            <Show when={first()}>
              <Show when={items().length > 0} fallback={<Empty>{t("contacts.empty")}</Empty>}>
                <ul class="contact-list">
                  <For each={items()}>
                    {(c) => (
                      <li class="contact-item">
                        <input
                          type="checkbox"
                          class="contact-select"
                          aria-label={t("contacts.select", { name: c.member.displayName })}
                          checked={selected.has(c.member.handle)}
                          onChange={(e) => selected.set(c.member.handle, e.currentTarget.checked)}
                        />
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
                              <Show when={c.acceptedAutomatically && c.categoryIds.length === 0}>
                                <span class="tag tag-quiet">{t("contacts.toSort")}</span>
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
                <MorePagesButton pages={more} label={t("action.more")} />
              </Show>
            </Show>
          </Async>
        </div>
        <Show when={open()}>
          {(handle) => (
            <ContactPanel
              handle={handle()}
              categories={categoryList()}
              onChanged={(next) => replace(next, handle())}
              onClose={() => setParams({ open: undefined })}
            />
          )}
        </Show>
      </div>
    </section>
  )
}
