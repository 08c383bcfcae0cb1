/**
 * The contact behind the contact, as the routes ask for it: one interface,
 * answered either by the in-memory index (Node: index-queries.ts) or by the
 * database (edge runtimes: sql-queries.ts). Both follow the same rules and
 * order ties the same way (by member id), so they give the same answers.
 */
import type { Context } from "hono"
import type { Env } from "../context.js"

export type Ctx = Context<Env>

export interface Suggested {
  readonly member: string
  readonly mutualCount: number
  /** Up to three of the viewer's contacts it comes through, by id. */
  readonly via: readonly string[]
  readonly sharedGroups: number
  /** How they stand out among equals: 2 when open to networking, plus 1 with a photo. */
  readonly standing: number
}

export interface ReachCounts {
  readonly first: number
  readonly second: number
  readonly third: number
  readonly thirdEstimated: boolean
}

export interface NetworkQueries {
  /**
   * The best `limit` second-degree members: most mutual contacts, then shared groups, then
   * open to networking, then a photo, then id.
   */
  readonly suggestions: (c: Ctx, viewer: string, limit: number) => Promise<readonly Suggested[]>
  /** A shortest chain of member ids from the viewer to the target (≤ 4 hops), or null. */
  readonly path: (c: Ctx, viewer: string, target: string) => Promise<readonly string[] | null>
  /** The contacts the two share, by id. */
  readonly mutual: (c: Ctx, viewer: string, other: string) => Promise<readonly string[]>
  readonly reach: (c: Ctx, viewer: string) => Promise<ReachCounts>
  /** The member id last seen behind a handle, where the process keeps them (a hint: verify it). */
  readonly idOfHandle: (handle: string) => string | undefined
  /** Remembers what a lookup by handle found. */
  readonly learnHandle: (handle: string, id: string) => void
}

/** Ids in a stable order: how both implementations break ties. */
export const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
