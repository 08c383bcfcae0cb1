/**
 * The filters above my contacts: search (names, handles, my notes), one
 * category or none, importance, muted, accepted automatically, and the sort.
 * They live in the address bar, so a filtered list can be bookmarked.
 */
import { useSearchParams } from "@solidjs/router"
import { For } from "solid-js"
import { useI18n } from "../../i18n/index.js"

export type Sort = "name" | "connectedAt" | "reviewDue"
const SORTS: readonly Sort[] = ["name", "connectedAt", "reviewDue"]
const IMPORTANCE = ["high", "normal", "low"] as const
export type Importance = (typeof IMPORTANCE)[number]

export interface Filters {
  readonly q: string
  /** A category id, "uncategorized", or "" for all. */
  readonly category: string
  readonly importance: Importance | ""
  readonly muted: "true" | "false" | ""
  readonly auto: boolean
  readonly sort: Sort
}

const text = (v: unknown) => (typeof v === "string" ? v : "")

/** The filters as the address bar holds them, and a way to change them. */
export const useFilters = () => {
  const [params, setParams] = useSearchParams()
  const filters = (): Filters => ({
    q: text(params["q"]),
    category: text(params["category"]),
    importance: IMPORTANCE.find((i) => i === params["importance"]) ?? "",
    muted: params["muted"] === "true" || params["muted"] === "false" ? params["muted"] : "",
    auto: params["auto"] === "true",
    sort: SORTS.find((s) => s === params["sort"]) ?? "name",
  })
  return { filters, params, setParams }
}

export const ContactFilters = (props: {
  readonly filters: Filters
  readonly categories: readonly { readonly id: string; readonly name: string }[]
  readonly onChange: (patch: Record<string, string | undefined>) => void
}) => {
  const { t } = useI18n()
  return (
    <search class="filters">
      <label>
        {t("contacts.search")}
        <input
          type="search"
          value={props.filters.q}
          placeholder={t("contacts.searchHint")}
          onInput={(e) => props.onChange({ q: e.currentTarget.value || undefined })}
        />
      </label>
      <label>
        {t("contacts.category")}
        <select
          value={props.filters.category}
          onChange={(e) => props.onChange({ category: e.currentTarget.value || undefined })}
        >
          <option value="">{t("contacts.allCategories")}</option>
          <option value="uncategorized">{t("contacts.uncategorized")}</option>
          <For each={props.categories}>{(c) => <option value={c.id}>{c.name}</option>}</For>
        </select>
      </label>
      <label>
        {t("contacts.importance")}
        <select
          value={props.filters.importance}
          onChange={(e) => props.onChange({ importance: e.currentTarget.value || undefined })}
        >
          <option value="">{t("contacts.anyImportance")}</option>
          <For each={IMPORTANCE}>
            {(i) => <option value={i}>{t(`contacts.importanceLevel.${i}`)}</option>}
          </For>
        </select>
      </label>
      <label>
        {t("contacts.mutedFilter")}
        <select
          value={props.filters.muted}
          onChange={(e) => props.onChange({ muted: e.currentTarget.value || undefined })}
        >
          <option value="">{t("contacts.mutedAny")}</option>
          <option value="false">{t("contacts.mutedNo")}</option>
          <option value="true">{t("contacts.mutedYes")}</option>
        </select>
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={props.filters.auto}
          onChange={(e) => props.onChange({ auto: e.currentTarget.checked ? "true" : undefined })}
        />
        {t("contacts.acceptedAutomatically")}
      </label>
      <label>
        {t("contacts.sort")}
        <select
          value={props.filters.sort}
          onChange={(e) => props.onChange({ sort: e.currentTarget.value })}
        >
          <For each={SORTS}>{(s) => <option value={s}>{t(`contacts.sortBy.${s}`)}</option>}</For>
        </select>
      </label>
    </search>
  )
}
