/**
 * How stored rows become domain values and back: times as ISO text, flags as
 * 0/1, JSON as text. One place, so both dialects read the same.
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

export const iso = (d: Date): string => d.toISOString()
export const date = (s: string): Date => new Date(s)
export const dateOrNull = (s: string | null): Date | null => (s === null ? null : new Date(s))
export const flag = (b: boolean): number => (b ? 1 : 0)

export interface RequestRow {
  readonly id: string
  readonly fromId: string
  readonly toId: string
  readonly message: string | null
  readonly foundVia: string | null
  readonly state: RequestState
  readonly createdAt: string
  readonly updatedAt: string
}

export const toRequest = (r: RequestRow): ContactRequest => ({
  id: r.id,
  from: r.fromId,
  to: r.toId,
  message: r.message,
  foundVia: r.foundVia === null ? null : (JSON.parse(r.foundVia) as FoundVia),
  state: r.state,
  createdAt: date(r.createdAt),
  updatedAt: date(r.updatedAt),
})

export const fromRequest = (r: ContactRequest) => {
  const [pairLo, pairHi] = r.from < r.to ? [r.from, r.to] : [r.to, r.from]
  return {
    id: r.id,
    fromId: r.from,
    toId: r.to,
    pairLo,
    pairHi,
    message: r.message,
    foundVia: r.foundVia === null ? null : JSON.stringify(r.foundVia),
    state: r.state,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  }
}

export interface ContactRow {
  readonly ownerId: string
  readonly contactId: string
  readonly note: string
  readonly importance: Importance
  readonly muted: number
  readonly connectedAt: string
  readonly lastReviewedAt: string | null
  readonly snoozedUntil: string | null
}

export const toRecord = (r: ContactRow, categoryIds: readonly string[]): ContactRecord => ({
  owner: r.ownerId,
  contact: r.contactId,
  categoryIds,
  note: r.note,
  importance: r.importance,
  muted: r.muted === 1,
  connectedAt: date(r.connectedAt),
  lastReviewedAt: dateOrNull(r.lastReviewedAt),
  snoozedUntil: dateOrNull(r.snoozedUntil),
})

/** Settings as stored; fields added later fall back to their defaults. */
export const toSettings = (json: string): Settings => {
  const parsed = SettingsSchema.safeParse({ ...defaultSettings(), ...(JSON.parse(json) as object) })
  return parsed.success ? parsed.data : defaultSettings()
}

/** A LIKE pattern for a search term (used with ESCAPE '\\'), with LIKE's own characters escaped. */
export const like = (term: string) =>
  `%${term.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
