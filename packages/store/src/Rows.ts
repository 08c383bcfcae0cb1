/**
 * How stored rows become domain values and back: times as ISO text, flags as
 * 0/1, JSON as text. One place, so every dialect reads the same.
 */
import type {
  ContactRecord,
  ContactRequest,
  FoundVia,
  Importance,
  RequestState,
  Settings,
} from "@kontakt/domain"
import { defaultSettings, Settings as SettingsSchema } from "@kontakt/domain"
import { col, type Row } from "./db/Statement.js"

export const iso = (d: Date): string => d.toISOString()
/**
 * After every time `iso` writes: where a newest-first keyset page starts. Digits compare
 * alike in every collation, where a sign such as "~" may not.
 */
export const END_OF_TIME = "9999-12-31T23:59:59.999Z"
export const date = (s: string): Date => new Date(s)
export const dateOrNull = (s: string | null): Date | null => (s === null ? null : new Date(s))
export const flag = (b: boolean): number => (b ? 1 : 0)

/** The columns `toRequest` reads, for a table aliased `r`. */
export const requestColumns =
  "r.id, r.from_id, r.to_id, r.message, r.found_via, r.sender_category_ids, r.introduced_by, r.introducer_note, r.state, r.created_at, r.updated_at"

export const toRequest = (r: Row): ContactRequest => {
  const foundVia = col.strOrNull(r, "found_via")
  return {
    id: col.str(r, "id"),
    from: col.str(r, "from_id"),
    to: col.str(r, "to_id"),
    message: col.strOrNull(r, "message"),
    foundVia: foundVia === null ? null : (JSON.parse(foundVia) as FoundVia),
    senderCategoryIds: JSON.parse(col.str(r, "sender_category_ids")) as string[],
    introduction: ((by) =>
      by === null ? null : { by, note: col.strOrNull(r, "introducer_note") })(
      col.strOrNull(r, "introduced_by"),
    ),
    state: col.str(r, "state") as RequestState,
    createdAt: date(col.str(r, "created_at")),
    updatedAt: date(col.str(r, "updated_at")),
  }
}

/** A request as the parameters of `INSERT INTO requests` (see Requests.ts). */
export const requestParams = (r: ContactRequest) => {
  const [pairLo, pairHi] = r.from < r.to ? [r.from, r.to] : [r.to, r.from]
  return [
    r.id,
    r.from,
    r.to,
    pairLo,
    pairHi,
    r.message,
    r.foundVia === null ? null : JSON.stringify(r.foundVia),
    JSON.stringify(r.senderCategoryIds),
    r.introduction?.by ?? null,
    r.introduction?.note ?? null,
    r.state,
    iso(r.createdAt),
    iso(r.updatedAt),
  ]
}

/** The columns `toRecord` reads, for a table aliased `c` (categories joined as `category_ids`). */
export const recordColumns =
  "c.owner_id, c.contact_id, c.note, c.importance, c.muted, c.connected_at, c.last_reviewed_at, c.snoozed_until, c.review_due_at, c.accepted_automatically"

export const toRecord = (r: Row, categoryIds: readonly string[] = col.list(r, "category_ids")) =>
  ({
    owner: col.str(r, "owner_id"),
    contact: col.str(r, "contact_id"),
    categoryIds: [...categoryIds].sort(),
    note: col.str(r, "note"),
    importance: col.str(r, "importance") as Importance,
    muted: col.bool(r, "muted"),
    connectedAt: date(col.str(r, "connected_at")),
    lastReviewedAt: dateOrNull(col.strOrNull(r, "last_reviewed_at")),
    snoozedUntil: dateOrNull(col.strOrNull(r, "snoozed_until")),
    acceptedAutomatically: col.bool(r, "accepted_automatically"),
  }) satisfies ContactRecord

// Most members keep the defaults: one parse per distinct settings text, not per row.
const parsedSettings = new Map<string, Settings>()

/** Settings as stored; fields added later fall back to their defaults. */
export const toSettings = (json: string): Settings => {
  const known = parsedSettings.get(json)
  if (known !== undefined) return known
  const parsed = SettingsSchema.safeParse({ ...defaultSettings(), ...(JSON.parse(json) as object) })
  const settings = parsed.success ? parsed.data : defaultSettings()
  if (parsedSettings.size >= 1_000) parsedSettings.clear()
  parsedSettings.set(json, settings)
  return settings
}

/** A LIKE pattern for a search term (used with ESCAPE '\\'), with LIKE's own characters escaped. */
export const like = (term: string) =>
  `%${term.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
