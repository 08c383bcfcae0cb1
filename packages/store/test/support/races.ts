/**
 * Races, shared by both databases: each scenario is set up through the
 * services, then run by concurrent actors that the database-specific test
 * supplies (separate connections on PostgreSQL, separate processes on SQLite).
 */
import { expect } from "vitest"
import { invariantViolations } from "../../src/testing/index.js"
import type { Harness } from "./harness.js"

export const countOpenBetween = (h: Harness, x: string, y: string) =>
  h
    .query(
      `SELECT COUNT(*) AS n FROM requests WHERE state IN ('pending', 'ignored')
       AND ((from_id = ? AND to_id = ?) OR (from_id = ? AND to_id = ?))`,
      [x, y, y, x],
    )
    .then((rows) => Number(rows[0]?.["n"] ?? 0))

/** How many connections (0 or 1) and contact records (0 or 2) two members have. */
export const countConnections = (h: Harness, x: string, y: string) =>
  h
    .query(
      `SELECT COUNT(*) AS n FROM contacts
       WHERE (owner_id = ? AND contact_id = ?) OR (owner_id = ? AND contact_id = ?)`,
      [x, y, y, x],
    )
    .then((rows) => {
      const records = Number(rows[0]?.["n"] ?? 0)
      return { connections: records / 2, records }
    })

/** Every invariant that a race could break, checked over the whole database. */
export const expectInvariants = async (h: Harness) => {
  expect(await h.run(invariantViolations)).toEqual([])
}

/** How often each outcome occurred. */
export const tally = (outcomes: readonly string[]) => {
  const counts: Record<string, number> = {}
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1
  return counts
}
