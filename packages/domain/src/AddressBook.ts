/**
 * The address book: people I know from elsewhere (LinkedIn, XING, an address
 * book), not — or not yet — my contacts here, curated with the same private
 * categories, note and importance as a contact record, visible to nobody else.
 *
 * This module holds the entry, the person a file describes (whatever its
 * format: the parsers live outside the domain), and the import plan: which
 * people become new entries, which are merged into an entry I already have
 * (the same email, profile address or phone number), which are skipped and why.
 * Importing the same file twice changes nothing the second time.
 *
 * @module
 */
import { z } from "zod"
import { Importance, noteSchema } from "./Contact.js"
import type { MemberId } from "./Ids.js"
import type { Locale } from "./Member.js"
import { addDays, type Policy } from "./Policy.js"

/** Where an entry comes from. */
export const EntrySource = z.enum(["linkedin", "xing", "vcard", "csv", "manual"])
/** @see {@link EntrySource} */
export type EntrySource = z.infer<typeof EntrySource>

/** A person as a file describes them, before they become (or join) an entry. */
export interface ImportedPerson {
  /** The line (CSV) or the card's first line (vCard) it came from, for the report. */
  readonly line: number
  readonly displayName: string
  readonly emails: readonly string[]
  readonly phones: readonly string[]
  readonly company: string | null
  readonly position: string | null
  /** Profile addresses (LinkedIn, XING, a homepage). */
  readonly urls: readonly string[]
  /** When we connected there, if the file says. */
  readonly connectedAt: Date | null
  /** Category names the file gives (vCard CATEGORIES), matched to mine by name. */
  readonly categoryNames: readonly string[]
}

/** An address book entry, as stored. */
export interface AddressBookEntry {
  readonly id: string
  readonly owner: MemberId
  readonly displayName: string
  readonly emails: readonly string[]
  readonly phones: readonly string[]
  readonly company: string | null
  readonly position: string | null
  readonly urls: readonly string[]
  readonly source: EntrySource
  readonly connectedAt: Date | null
  /** My own categories, as on a contact record. */
  readonly categoryIds: readonly string[]
  /** My private note; pre-filled from where we connected. */
  readonly note: string
  readonly importance: Importance
  /** When I last reviewed the entry (kept it); null: never. */
  readonly lastReviewedAt: Date | null
  /** Until when a review is put off; null: not snoozed. */
  readonly snoozedUntil: Date | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** Why a person in a file was not imported. */
export type SkipReason = "noName" | "noWayToReach" | "duplicateInFile" | "tooMany"

/** The plan for one file: what to create, what to change, what was left out. */
export interface ImportPlan {
  readonly created: readonly AddressBookEntry[]
  /** Entries I had that the file adds to (new emails, phones, addresses, categories). */
  readonly merged: readonly AddressBookEntry[]
  /** People the file names that I have already, exactly as the file has them. */
  readonly unchanged: number
  readonly skipped: readonly { readonly line: number; readonly reason: SkipReason }[]
}

const SOURCE_NAMES: Record<EntrySource, string> = {
  linkedin: "LinkedIn",
  xing: "XING",
  vcard: "vCard",
  csv: "CSV",
  manual: "kontakt",
}

/**
 * The note an imported entry starts with, in its owner's language: where we
 * connected, and when if the file says.
 *
 * @example
 * ```ts
 * importNote("en", "linkedin", new Date("2019-03-04")) // "Connected on LinkedIn on 2019-03-04."
 * importNote("de", "xing", null) // "Auf XING verbunden."
 * ```
 */
export const importNote = (locale: Locale, source: EntrySource, connectedAt: Date | null) => {
  const where = SOURCE_NAMES[source]
  if (source === "vcard" || source === "csv" || source === "manual")
    return locale === "de"
      ? `Aus meinem Adressbuch (${where}).`
      : `From my address book (${where}).`
  if (connectedAt === null)
    return locale === "de" ? `Auf ${where} verbunden.` : `Connected on ${where}.`
  const day = connectedAt.toISOString().slice(0, 10)
  if (locale === "de") {
    const [y, m, d] = day.split("-")
    return `Auf ${where} verbunden seit dem ${d}.${m}.${y}.`
  }
  return `Connected on ${where} on ${day}.`
}

/** An email as entries compare them: trimmed, lower case. */
export const emailKey = (email: string) => email.trim().toLowerCase()

/**
 * A profile address as entries compare them: no scheme, no `www.`, no query
 * or fragment, no trailing slash, lower case.
 *
 * @example
 * ```ts
 * urlKey("https://www.LinkedIn.com/in/jmueller/?trk=x") // "linkedin.com/in/jmueller"
 * ```
 */
export const urlKey = (url: string) =>
  url
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/^www\./, "")
    .replace(/[?#].*$/, "")
    .replace(/\/+$/, "")

/** A phone number as entries compare them: its digits, with a leading + kept. */
export const phoneKey = (phone: string) => {
  const t = phone.trim()
  return (t.startsWith("+") ? "+" : "") + t.replace(/\D/g, "")
}

/**
 * What a person or an entry is recognised by: each email, profile address and
 * phone number, normalised and tagged (`mail:`, `url:`, `tel:`). A store
 * indexes entries by these to find those a file names.
 *
 * @example
 * ```ts
 * entryKeys({ emails: ["Ada@Example.org"], urls: [], phones: [] }) // ["mail:ada@example.org"]
 * ```
 */
export const entryKeys = (p: {
  readonly emails: readonly string[]
  readonly urls: readonly string[]
  readonly phones: readonly string[]
}) =>
  [
    ...p.emails.map((e) => `mail:${emailKey(e)}`),
    ...p.urls.map((u) => `url:${urlKey(u)}`),
    ...p.phones.map((t) => `tel:${phoneKey(t)}`),
  ].filter((k) => !k.endsWith(":") && k !== "tel:+")

/** Values of `more` not in `base` (by `key`), appended in order. */
const union = (
  base: readonly string[],
  more: readonly string[],
  key: (s: string) => string = (s) => s,
) => {
  const seen = new Set(base.map(key))
  const out = [...base]
  for (const v of more) {
    const k = key(v)
    if (k === "" || seen.has(k)) continue
    seen.add(k)
    out.push(v.trim())
  }
  return out
}

/** What an import needs besides the people: whose book, in which language, the ids and the time. */
export interface ImportContext {
  readonly owner: MemberId
  readonly locale: Locale
  readonly source: EntrySource
  readonly now: Date
  /** My categories by name (case-insensitive keys), for the file's category names. */
  readonly categoriesByName: ReadonlyMap<string, string>
  /** A new id per created entry, taken in order. */
  readonly newId: () => string
  /** Most entries one member may hold. */
  readonly maxEntries: number
  /**
   * How many entries the member holds now, when `existing` is only those the
   * file's emails, addresses and phones match (a store looks those up by key
   * rather than loading a whole address book). Left out: `existing.length`.
   */
  readonly existingCount?: number
}

/**
 * Plans an import: each person with a name and a way to reach them (an email,
 * a phone or a profile address) either joins the entry that has one of their
 * emails, addresses or phone numbers — adding what it lacks, never overwriting my own
 * curation (note, importance) — or becomes a new entry with the note
 * pre-filled. The same person twice in one file is imported once. Pure and
 * deterministic; importing the same file again plans nothing new
 * (`created` and `merged` empty).
 *
 * @example
 * ```ts
 * const plan = planImport(mine, people, context)
 * plan.created.length // new entries
 * ```
 */
export const planImport = (
  existing: readonly AddressBookEntry[],
  people: readonly ImportedPerson[],
  context: ImportContext,
): ImportPlan => {
  const byKey = new Map<string, AddressBookEntry>()
  const current = new Map<string, AddressBookEntry>()
  for (const e of existing) {
    current.set(e.id, e)
    for (const k of entryKeys(e)) if (!byKey.has(k)) byKey.set(k, e)
  }
  const created = new Map<string, AddressBookEntry>()
  const changed = new Set<string>()
  const skipped: { line: number; reason: SkipReason }[] = []
  const seenInFile = new Set<string>()
  let unchanged = 0
  let held = context.existingCount ?? existing.length
  for (const p of people) {
    const name = p.displayName.trim()
    if (name === "") {
      skipped.push({ line: p.line, reason: "noName" })
      continue
    }
    const keys = entryKeys(p)
    if (keys.length === 0) {
      skipped.push({ line: p.line, reason: "noWayToReach" })
      continue
    }
    if (keys.some((k) => seenInFile.has(k))) {
      skipped.push({ line: p.line, reason: "duplicateInFile" })
      continue
    }
    for (const k of keys) seenInFile.add(k)
    const categoryIds = p.categoryNames.flatMap((n) => {
      const id = context.categoriesByName.get(n.trim().toLowerCase())
      return id === undefined ? [] : [id]
    })
    const match = keys.map((k) => byKey.get(k)).find((e) => e !== undefined)
    if (match !== undefined) {
      const before = current.get(match.id) ?? match
      const next: AddressBookEntry = {
        ...before,
        emails: union(before.emails, p.emails, emailKey),
        phones: union(before.phones, p.phones, phoneKey),
        urls: union(before.urls, p.urls, urlKey),
        company: before.company ?? p.company,
        position: before.position ?? p.position,
        connectedAt: before.connectedAt ?? p.connectedAt,
        categoryIds: union(before.categoryIds, categoryIds),
      }
      const same =
        next.emails.length === before.emails.length &&
        next.phones.length === before.phones.length &&
        next.urls.length === before.urls.length &&
        next.company === before.company &&
        next.position === before.position &&
        next.connectedAt === before.connectedAt &&
        next.categoryIds.length === before.categoryIds.length
      if (same) {
        unchanged++
        continue
      }
      const updated = { ...next, updatedAt: context.now }
      current.set(match.id, updated)
      for (const k of entryKeys(updated)) if (!byKey.has(k)) byKey.set(k, updated)
      if (created.has(match.id)) created.set(match.id, updated)
      else changed.add(match.id)
      continue
    }
    if (held >= context.maxEntries) {
      skipped.push({ line: p.line, reason: "tooMany" })
      continue
    }
    const entry: AddressBookEntry = {
      id: context.newId(),
      owner: context.owner,
      displayName: name,
      emails: union([], p.emails, emailKey),
      phones: union([], p.phones, phoneKey),
      company: p.company,
      position: p.position,
      urls: union([], p.urls, urlKey),
      source: context.source,
      connectedAt: p.connectedAt,
      categoryIds: union([], categoryIds),
      note: importNote(context.locale, context.source, p.connectedAt),
      importance: "normal",
      lastReviewedAt: null,
      snoozedUntil: null,
      createdAt: context.now,
      updatedAt: context.now,
    }
    created.set(entry.id, entry)
    current.set(entry.id, entry)
    held++
    for (const k of entryKeys(entry)) if (!byKey.has(k)) byKey.set(k, entry)
  }
  return {
    created: [...created.values()],
    merged: [...changed].flatMap((id) => {
      const e = current.get(id)
      return e === undefined ? [] : [e]
    }),
    unchanged,
    skipped,
  }
}

/**
 * The address book after a plan: merged entries replaced, created ones added.
 *
 * @example
 * ```ts
 * const after = applyImport(mine, planImport(mine, people, context))
 * ```
 */
export const applyImport = (
  existing: readonly AddressBookEntry[],
  plan: ImportPlan,
): AddressBookEntry[] => {
  const merged = new Map(plan.merged.map((e) => [e.id, e]))
  return [...existing.map((e) => merged.get(e.id) ?? e), ...plan.created]
}

/**
 * What a member may change on an entry of theirs: the name and details as
 * they know them, and the same private curation as a contact record.
 *
 * @example
 * ```ts
 * entryPatchSchema(defaultPolicy).parse({ categoryIds: ["c1"], importance: "high" })
 * ```
 */
export const entryPatchSchema = (policy: Policy) =>
  z
    .object({
      displayName: z.string().trim().min(1).max(200),
      company: z.string().trim().max(200).nullable(),
      position: z.string().trim().max(200).nullable(),
      categoryIds: z.array(z.string().min(1).max(64)).max(policy.maxCategoriesPerMember),
      note: noteSchema(policy),
      importance: Importance,
    })
    .partial()
    .strict()
/** @see {@link entryPatchSchema} */
export type EntryPatch = z.infer<ReturnType<typeof entryPatchSchema>>

/**
 * An entry after its owner's change: only what the patch names moves;
 * categories are kept once each, in the order given.
 *
 * @example
 * ```ts
 * changeEntry(entry, { note: "Met at the fair" }, now)
 * ```
 */
export const changeEntry = (
  entry: AddressBookEntry,
  patch: EntryPatch,
  now: Date,
): AddressBookEntry => ({
  ...entry,
  ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
  ...(patch.company !== undefined ? { company: patch.company || null } : {}),
  ...(patch.position !== undefined ? { position: patch.position || null } : {}),
  ...(patch.categoryIds !== undefined ? { categoryIds: [...new Set(patch.categoryIds)] } : {}),
  ...(patch.note !== undefined ? { note: patch.note } : {}),
  ...(patch.importance !== undefined ? { importance: patch.importance } : {}),
  updatedAt: now,
})

/**
 * The request an entry's owner may send to the member the entry turned out to
 * be (a findable member with one of its emails): a greeting by first name that
 * says where the two know each other from, in the owner's language, and the
 * `foundVia` that records it. The owner may change the words before sending.
 *
 * @example
 * ```ts
 * importRequestDraft("de", { displayName: "Jana Weber", source: "linkedin" })
 * // { message: "Hallo Jana, wir sind schon auf LinkedIn verbunden – …", foundVia: { kind: "import", source: "linkedin" } }
 * ```
 */
export const importRequestDraft = (
  locale: Locale,
  entry: Pick<AddressBookEntry, "displayName" | "source">,
) => {
  const word = entry.displayName.trim().split(/\s+/)[0] ?? ""
  // A "first name" longer than this is not one: the greeting goes without it.
  const first = word.length <= 40 ? ` ${word}` : ""
  const networked = entry.source === "linkedin" || entry.source === "xing"
  const where = SOURCE_NAMES[entry.source]
  const message =
    locale === "de"
      ? `Hallo${first}, ${networked ? `wir sind schon auf ${where} verbunden` : "wir kennen uns schon"} – lass uns auch hier auf kontakt in Verbindung bleiben.`
      : `Hello${first}, ${networked ? `we are connected on ${where} already` : "we know each other already"} – let's stay in touch here on kontakt too.`
  return { message, foundVia: { kind: "import" as const, source: entry.source } }
}

/**
 * When an entry is next due for review, as a contact is: the snooze date if
 * snoozed, else the cadence after the last review, else `firstReviewAfterDays`
 * after it came into the book.
 *
 * @example
 * ```ts
 * entryReviewDueAt(entry, 180, defaultPolicy) // createdAt + 90 days for a new entry
 * ```
 */
export const entryReviewDueAt = (
  entry: Pick<AddressBookEntry, "createdAt" | "lastReviewedAt" | "snoozedUntil">,
  cadenceDays: number,
  policy: Policy,
): Date =>
  entry.snoozedUntil ??
  (entry.lastReviewedAt === null
    ? addDays(entry.createdAt, policy.firstReviewAfterDays)
    : addDays(entry.lastReviewedAt, cadenceDays))

/**
 * The body of "decide on an entry under review": keep it (a new cadence
 * starts), snooze it for some days, or delete it.
 *
 * @example
 * ```ts
 * entryReviewSchema(defaultPolicy).parse({ decision: "snooze", snoozeDays: 30 })
 * ```
 */
export const entryReviewSchema = (policy: Policy) =>
  z.discriminatedUnion("decision", [
    z.object({ decision: z.literal("keep") }).strict(),
    z.object({ decision: z.literal("delete") }).strict(),
    z
      .object({
        decision: z.literal("snooze"),
        snoozeDays: z.number().int().min(1).max(policy.maxSnoozeDays),
      })
      .strict(),
  ])
/** @see {@link entryReviewSchema} */
export type EntryReview = z.infer<ReturnType<typeof entryReviewSchema>>

/**
 * An entry after a review that keeps it: `keep` starts a new cadence, `snooze`
 * puts the review off. (`delete` removes the entry; there is nothing after it.)
 *
 * @example
 * ```ts
 * reviewEntry(entry, { decision: "snooze", snoozeDays: 30 }, now)
 * ```
 */
export const reviewEntry = (
  entry: AddressBookEntry,
  review: Exclude<EntryReview, { decision: "delete" }>,
  now: Date,
): AddressBookEntry =>
  review.decision === "keep"
    ? { ...entry, lastReviewedAt: now, snoozedUntil: null, updatedAt: now }
    : { ...entry, snoozedUntil: addDays(now, review.snoozeDays), updatedAt: now }
