/**
 * The feed, fanned out on read: what each member recently did that reaches
 * feeds (the deliveries the domain's `deliver` makes of their events), kept
 * in memory per member, and a reader's page merged from their contacts'
 * lists at read time. Posting costs one entry, whatever the audience; a page
 * costs its sources' heads and its items, whatever the history.
 *
 * Who may see what is decided at read time by the domain's own rules —
 * `reaches` (the audience, blocks) and `assembleFeed` (muted and blocked
 * members, one item per subject naming everyone who brought it) — against
 * the reader's contacts and blocks as they are now: a deleted contact, a
 * block or a mute takes effect on the next page. Retractions (a deleted
 * post, a like taken back, a removed connection) take entries out.
 *
 * Each member keeps their newest `perSourceCap` entries: the feed reaches as
 * far back as each contact's last few hundred actions.
 */
import {
  assembleFeed,
  type Fanout,
  type FeedDelivery,
  type FeedItem,
  isVisibleDelivery,
  type MemberId,
  type Retraction,
  reaches,
  subjectKey,
} from "@kontakt/domain"

/** One delivery as kept: the domain's fan-out, its subject's key, its time. */
interface Entry {
  readonly fanout: Fanout
  readonly key: string
  readonly at: number
}

/** A position in a feed: items before this time and key (newest first). */
export interface FeedCursor {
  readonly at: number
  readonly key: string
}

/** What a page needs to know of its reader, as things are now (a `ReaderFilter` too). */
export interface ReaderView {
  readonly reader: MemberId
  /** The reader's contacts. */
  readonly contacts: readonly MemberId[]
  readonly isContact: (member: MemberId) => boolean
  readonly muted: ReadonlySet<MemberId>
  /** Members blocked by or blocking the reader. */
  readonly blocked: ReadonlySet<MemberId>
  /** Members who hide their contacts (their connections' news reaches only their contacts). */
  readonly hidingContacts: ReadonlySet<MemberId>
  /** Only what these members brought (the news of one category), as the domain's `ReaderFilter`. */
  readonly sources?: ReadonlySet<MemberId> | undefined
}

// Newest first: later time, then the greater key.
const newer = (a: Entry, b: Entry) => a.at > b.at || (a.at === b.at && a.key > b.key)
const before = (e: Entry, c: FeedCursor) => e.at < c.at || (e.at === c.at && e.key < c.key)

/** A list's cursor for the merge: entries at `index` and below are still to come. */
interface Head {
  readonly list: readonly Entry[]
  index: number
}

/** A binary max-heap of list heads, newest entry on top. */
class Heads {
  private readonly heap: Head[] = []
  get size() {
    return this.heap.length
  }
  private top(i: number) {
    const h = this.heap[i] as Head
    return h.list[h.index] as Entry
  }
  private swap(i: number, j: number) {
    const t = this.heap[i] as Head
    this.heap[i] = this.heap[j] as Head
    this.heap[j] = t
  }
  private down(i: number) {
    const n = this.heap.length
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < n && newer(this.top(l), this.top(m))) m = l
      if (r < n && newer(this.top(r), this.top(m))) m = r
      if (m === i) return
      this.swap(i, m)
      i = m
    }
  }
  /** Adds heads in bulk, then orders them at once (linear). */
  fill(heads: Head[]) {
    this.heap.push(...heads)
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i)
  }
  /** The newest entry; its list moves on to the next. */
  pop(): Entry | undefined {
    if (this.heap.length === 0) return undefined
    const head = this.heap[0] as Head
    const entry = head.list[head.index] as Entry
    head.index--
    if (head.index < 0) {
      const last = this.heap.pop() as Head
      if (this.heap.length > 0 && last !== head) this.heap[0] = last
    }
    if (this.heap.length > 0) this.down(0)
    return entry
  }
}

/** The index of the last entry before `cursor` in an ascending list, or -1. */
const lastBefore = (list: readonly Entry[], cursor: FeedCursor | null) => {
  if (cursor === null) return list.length - 1
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (before(list[mid] as Entry, cursor)) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

export class FeedIndex {
  /** Each member's entries, oldest first. */
  private readonly bySource = new Map<MemberId, Entry[]>()
  /** Each subject's entries, by who brought them. */
  private readonly bySubject = new Map<string, Map<MemberId, Entry[]>>()

  constructor(private readonly perSourceCap = 200) {}

  /** How many entries the index holds. */
  get size() {
    let n = 0
    for (const list of this.bySource.values()) n += list.length
    return n
  }

  /** Adds one delivery, under the member whose contacts (or who) it reaches. */
  add(fanout: Fanout) {
    const source = fanout.audience.member
    const entry: Entry = { fanout, key: subjectKey(fanout.subject), at: fanout.at.getTime() }
    let list = this.bySource.get(source)
    if (list === undefined) {
      list = []
      this.bySource.set(source, list)
    }
    // Nearly always at the end; an earlier time (another process's clock) is sorted in.
    let i = list.length
    while (i > 0 && newer(list[i - 1] as Entry, entry)) i--
    list.splice(i, 0, entry)
    let subject = this.bySubject.get(entry.key)
    if (subject === undefined) {
      subject = new Map()
      this.bySubject.set(entry.key, subject)
    }
    const bySource = subject.get(source)
    if (bySource === undefined) subject.set(source, [entry])
    else bySource.push(entry)
    if (list.length > this.perSourceCap) this.unlink(list.shift() as Entry)
  }

  private unlink(entry: Entry) {
    const subject = this.bySubject.get(entry.key)
    const source = entry.fanout.audience.member
    const list = subject?.get(source)
    if (subject === undefined || list === undefined) return
    const kept = list.filter((e) => e !== entry)
    if (kept.length > 0) subject.set(source, kept)
    else subject.delete(source)
    if (subject.size === 0) this.bySubject.delete(entry.key)
  }

  private drop(entries: readonly Entry[]) {
    const gone = new Set(entries)
    for (const e of entries) {
      this.unlink(e)
      const source = e.fanout.audience.member
      const list = this.bySource.get(source)
      if (list === undefined) continue
      const kept = list.filter((x) => !gone.has(x))
      if (kept.length > 0) this.bySource.set(source, kept)
      else this.bySource.delete(source)
    }
  }

  /** Takes deliveries back (a deleted post, a like taken back, a removed connection's news). */
  retract(r: Retraction) {
    if (r._tag === "BetweenMembers") return // judged at read time: they are no longer contacts
    const subject = this.bySubject.get(subjectKey(r.subject))
    if (subject === undefined) return
    const entries = [...subject.values()].flat()
    this.drop(
      r._tag === "Subject"
        ? entries
        : entries.filter((e) => e.fanout.broughtBy === r.member && e.fanout.reason === r.reason),
    )
  }

  /** Whether an entry reaches the reader and may show (the domain's rules). */
  private shows(e: Entry, view: ReaderView) {
    return (
      reaches(
        e.fanout,
        view.reader,
        (member) => view.isContact(member),
        (_, other) => view.blocked.has(other),
        (member) => view.hidingContacts.has(member),
      ) && isVisibleDelivery(this.delivery(e, view), view)
    )
  }

  private delivery(e: Entry, view: ReaderView): FeedDelivery {
    return {
      reader: view.reader,
      subject: e.fanout.subject,
      broughtBy: e.fanout.broughtBy,
      reason: e.fanout.reason,
      at: e.fanout.at,
    }
  }

  /** Everything of one subject that reaches the reader, as deliveries. */
  private deliveriesOf(key: string, view: ReaderView): FeedDelivery[] {
    const subject = this.bySubject.get(key)
    if (subject === undefined) return []
    const out: FeedDelivery[] = []
    const take = (entries: readonly Entry[] | undefined) => {
      for (const e of entries ?? []) if (this.shows(e, view)) out.push(this.delivery(e, view))
    }
    // From whichever side is smaller: the subject's sources, or the reader's contacts.
    if (subject.size <= view.contacts.length + 1)
      for (const entries of subject.values()) take(entries)
    else for (const source of [view.reader, ...view.contacts]) take(subject.get(source))
    return out
  }

  /**
   * A page of the reader's feed: up to `limit` items, newest activity first,
   * each with everyone who brought it; after `cursor` when given.
   */
  page(view: ReaderView, limit: number, cursor: FeedCursor | null): FeedItem[] {
    const heads = new Heads()
    const starts: Head[] = []
    // The news of one category is merged from its members' lists alone.
    const sources = view.sources === undefined ? [view.reader, ...view.contacts] : view.sources
    for (const source of sources) {
      const list = this.bySource.get(source)
      if (list === undefined) continue
      const index = lastBefore(list, cursor)
      if (index >= 0) starts.push({ list, index })
    }
    heads.fill(starts)
    const chosen: FeedItem[] = []
    const seen = new Set<string>()
    while (chosen.length < limit && heads.size > 0) {
      const e = heads.pop() as Entry
      if (seen.has(e.key)) continue
      if (!this.shows(e, view)) continue
      seen.add(e.key)
      // The item as the reader sees it: only what they may see of it counts.
      const [item] = assembleFeed(this.deliveriesOf(e.key, view), view)
      if (item === undefined) continue
      // Shown on an earlier page already: its newest activity is at or after the cursor.
      if (cursor !== null && !before({ ...e, at: item.latestAt.getTime() }, cursor)) continue
      chosen.push(item)
    }
    return chosen
  }
}
