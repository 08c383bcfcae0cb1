/**
 * My address book, beside my contacts: the people I know from LinkedIn,
 * XING or an address book. Search (name, company, email, my note), filter by
 * my categories (or none); who is on kontakt shows a badge and a pre-written
 * request; select some to file into a category, invite or delete at once; a
 * panel for one; importing, exporting and my invitations from here.
 */
import { A, useSearchParams } from "@solidjs/router"
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { createMorePages, MorePagesButton } from "../../ui/pages.js"
import { settled } from "../../ui/resource.js"
import { Async, Empty } from "../../ui/States.js"
import { createSelection } from "../../ui/selection.js"
import { RequestDialog } from "../discover/RequestDialog.js"
import { BulkEntries } from "./BulkEntries.js"
import { EntryPanel } from "./EntryPanel.js"
import { ExportLinks } from "./ExportLinks.js"
import { ImportDialog } from "./ImportDialog.js"
import { InviteDialog } from "./InviteDialog.js"

const IMPORTANCE = ["high", "normal", "low"] as const
interface Filters {
  readonly q: string
  readonly category: string
  readonly importance: (typeof IMPORTANCE)[number] | ""
  readonly due: boolean
}
const text = (v: unknown) => (typeof v === "string" ? v : "")

const loadPage = (f: Filters, cursor: string | null) =>
  ok(
    api.v1["address-book"].$get({
      query: {
        ...(f.q === "" ? {} : { q: f.q }),
        ...(f.category === "" ? {} : { category: f.category }),
        ...(f.importance === "" ? {} : { importance: f.importance }),
        ...(f.due ? { due: "true" as const } : {}),
        ...(cursor === null ? {} : { cursor }),
        limit: "50",
      },
    }),
  )
export type Entry = Awaited<ReturnType<typeof loadPage>>["items"][number]

export const AddressBook = () => {
  const { t, date } = useI18n()
  const [params, setParams] = useSearchParams()
  const filters = (): Filters => ({
    q: text(params["q"]),
    category: text(params["category"]),
    importance: IMPORTANCE.find((i) => i === params["importance"]) ?? "",
    due: params["due"] === "true",
  })
  const [categories] = createResource(() => ok(api.v1.categories.$get()))
  const [first, { mutate, refetch }] = createResource(filters, (f) => loadPage(f, null))
  const more = createMorePages(first, (cursor) => loadPage(filters(), cursor))
  const selected = createSelection()
  const [importing, setImporting] = createSignal(params["import"] === "1")
  const [inviting, setInviting] = createSignal<readonly Entry[] | null>(null)
  const [asking, setAsking] = createSignal<Entry | null>(null)
  const items = () => [...(first()?.items ?? []), ...more.items()]
  const open = () => (typeof params["open"] === "string" ? params["open"] : null)
  const categoryList = () => settled(categories)?.items ?? []
  const categoryName = (id: string) => categoryList().find((c) => c.id === id)?.name ?? ""
  const change = (patch: Record<string, string | undefined>) => {
    more.reset()
    selected.clear()
    setParams(patch)
  }
  const replace = (id: string, next: Entry | null) => {
    const swap = (list: readonly Entry[]) =>
      next === null ? list.filter((e) => e.id !== id) : list.map((e) => (e.id === id ? next : e))
    mutate((p) => (p === undefined ? p : { ...p, items: swap(p.items) }))
    more.update(swap)
  }
  const reload = () => {
    more.reset()
    selected.clear()
    void refetch()
  }
  const badge = (e: Entry) => {
    const on = e.onKontakt
    if (on === null) return null
    return on.relationship === "contact"
      ? t("addressBook.isContact")
      : on.relationship === "requestSent"
        ? t("addressBook.requestSent")
        : on.relationship === "requestReceived"
          ? t("addressBook.requestReceived")
          : t("addressBook.onKontakt")
  }

  return (
    <section class="contacts address-book" classList={{ "with-panel": open() !== null }}>
      <h1>{t("addressBook.title")}</h1>
      <p class="lead">{t("addressBook.intro")}</p>
      <div class="actions">
        <button type="button" class="button button-primary" onClick={() => setImporting(true)}>
          {t("addressBook.import")}
        </button>
        <ExportLinks />
        <A href="/invitations" class="button button-quiet">
          {t("addressBook.invitations")}
        </A>
      </div>
      <search class="filters">
        <label>
          {t("addressBook.search")}
          <input
            type="search"
            value={filters().q}
            placeholder={t("addressBook.searchHint")}
            onInput={(e) => change({ q: e.currentTarget.value || undefined })}
          />
        </label>
        <label>
          {t("contacts.category")}
          <select
            value={filters().category}
            onChange={(e) => change({ category: e.currentTarget.value || undefined })}
          >
            <option value="">{t("contacts.allCategories")}</option>
            <option value="uncategorized">{t("contacts.uncategorized")}</option>
            <For each={categoryList()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </select>
        </label>
        <label>
          {t("contacts.importance")}
          <select
            value={filters().importance}
            onChange={(e) => change({ importance: e.currentTarget.value || undefined })}
          >
            <option value="">{t("contacts.anyImportance")}</option>
            <For each={IMPORTANCE}>
              {(i) => <option value={i}>{t(`contacts.importanceLevel.${i}`)}</option>}
            </For>
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={filters().due}
            onChange={(e) => change({ due: e.currentTarget.checked ? "true" : undefined })}
          />
          {t("addressBook.dueOnly")}
        </label>
      </search>
      <BulkEntries
        selected={items().filter((e) => selected.has(e.id))}
        categories={categoryList()}
        onChanged={replace}
        onInvite={(entries) => setInviting(entries)}
        onClear={() => selected.clear()}
      />
      <div class="split">
        <div>
          <Async retry={() => void refetch()}>
            <Show when={first()}>
              <Show
                when={items().length > 0}
                fallback={
                  <Empty>{filters().due ? t("addressBook.noneDue") : t("addressBook.empty")}</Empty>
                }
              >
                <ul class="contact-list">
                  <For each={items()}>
                    {(e) => (
                      <li class="contact-item">
                        <input
                          type="checkbox"
                          class="contact-select"
                          aria-label={t("addressBook.select", { name: e.displayName })}
                          checked={selected.has(e.id)}
                          onChange={(ev) => selected.set(e.id, ev.currentTarget.checked)}
                        />
                        <button
                          type="button"
                          class="contact-row"
                          aria-current={open() === e.id ? "true" : undefined}
                          onClick={() => setParams({ open: e.id })}
                        >
                          <span class="contact-row-text">
                            <span class="member-name">{e.displayName}</span>
                            <span class="muted">
                              {[e.position, e.company].filter((x) => x !== null).join(" · ")}
                            </span>
                            <span class="tags">
                              <Show when={badge(e)}>
                                {(b) => <span class="tag tag-on">{b()}</span>}
                              </Show>
                              <For each={e.categoryIds}>
                                {(id) => <span class="tag">{categoryName(id)}</span>}
                              </For>
                            </span>
                          </span>
                          <span class="muted small">
                            {filters().due ? (
                              t("addressBook.reviewOn", { date: date(e.reviewDueAt) })
                            ) : (
                              <>
                                {t(`addressBook.from.${e.source}`)}
                                <Show when={e.connectedAt}>
                                  {(at) => (
                                    <> · {t("addressBook.connectedOn", { date: date(at()) })}</>
                                  )}
                                </Show>
                              </>
                            )}
                          </span>
                        </button>
                        <Show when={e.onKontakt?.relationship === "none"}>
                          <button type="button" class="button" onClick={() => setAsking(e)}>
                            {t("addressBook.sendRequest")}
                          </button>
                        </Show>
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
          {(id) => (
            <EntryPanel
              id={id()}
              categories={categoryList()}
              onChanged={(next) => replace(id(), next)}
              onInvite={(e) => setInviting([e])}
              onAsk={(e) => setAsking(e)}
              onClose={() => setParams({ open: undefined })}
            />
          )}
        </Show>
      </div>
      <ImportDialog
        open={importing()}
        onClose={() => {
          setImporting(false)
          if (params["import"] !== undefined) setParams({ import: undefined })
        }}
        onImported={reload}
      />
      <InviteDialog
        entries={inviting()}
        onClose={() => setInviting(null)}
        onDone={() => selected.clear()}
      />
      <Show when={asking()}>
        {(e) => (
          <RequestDialog
            open={true}
            to={{
              handle: e().onKontakt?.member.handle ?? "",
              displayName: e().onKontakt?.member.displayName ?? e().displayName,
            }}
            foundVia={{
              kind: "import",
              source: e().source,
              draft: e().onKontakt?.draft.message ?? "",
            }}
            onClose={() => setAsking(null)}
            onSent={() => {
              setAsking(null)
              reload()
            }}
          />
        )}
      </Show>
    </section>
  )
}
