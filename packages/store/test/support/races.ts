/**
 * Races, shared by both databases: each scenario is set up through the
 * services, then run by concurrent actors that the database-specific test
 * supplies (separate connections on PostgreSQL, separate processes on SQLite).
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { expect } from "vitest"
import type { Harness } from "./harness.js"

export const countOpenBetween = (h: Harness, x: string, y: string) =>
  h
    .run(
      Effect.flatMap(
        SqlClient.SqlClient,
        (s) => s<{ n: number }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM requests
      WHERE state IN ('pending', 'ignored') AND ((from_id = ${x} AND to_id = ${y}) OR (from_id = ${y} AND to_id = ${x}))`,
      ),
    )
    .then((rows) => rows[0]?.n ?? 0)

export const countConnections = (h: Harness, x: string, y: string) =>
  h
    .run(
      Effect.flatMap(
        SqlClient.SqlClient,
        (s) => s<{ connections: number; records: number }>`SELECT
      (SELECT CAST(COUNT(*) AS INTEGER) FROM connections WHERE pair_lo = ${x < y ? x : y} AND pair_hi = ${x < y ? y : x}) AS connections,
      (SELECT CAST(COUNT(*) AS INTEGER) FROM contacts WHERE (owner_id = ${x} AND contact_id = ${y}) OR (owner_id = ${y} AND contact_id = ${x})) AS records`,
      ),
    )
    .then((rows) => rows[0] ?? { connections: 0, records: 0 })

/** Every invariant that a race could break, checked over the whole database. */
export const expectInvariants = async (h: Harness) => {
  const [row] = await h.run(
    Effect.flatMap(
      SqlClient.SqlClient,
      (s) => s<{
        doubleOpen: number
        halfConnections: number
        orphanRecords: number
        doubleConnections: number
      }>`SELECT
      (SELECT CAST(COUNT(*) AS INTEGER) FROM (SELECT pair_lo, pair_hi FROM requests WHERE state IN ('pending', 'ignored')
        GROUP BY pair_lo, pair_hi HAVING COUNT(*) > 1) x) AS double_open,
      (SELECT CAST(COUNT(*) AS INTEGER) FROM connections k WHERE
        (SELECT COUNT(*) FROM contacts c WHERE c.pair_lo = k.pair_lo AND c.pair_hi = k.pair_hi) <> 2) AS half_connections,
      (SELECT CAST(COUNT(*) AS INTEGER) FROM contacts c WHERE NOT EXISTS
        (SELECT 1 FROM connections k WHERE k.pair_lo = c.pair_lo AND k.pair_hi = c.pair_hi)) AS orphan_records,
      (SELECT CAST(COUNT(*) AS INTEGER) FROM (SELECT pair_lo, pair_hi FROM connections GROUP BY pair_lo, pair_hi HAVING COUNT(*) > 1) y) AS double_connections`,
    ),
  )
  expect(row).toEqual({ doubleOpen: 0, halfConnections: 0, orphanRecords: 0, doubleConnections: 0 })
}

/** How often each outcome occurred. */
export const tally = (outcomes: readonly string[]) => {
  const counts: Record<string, number> = {}
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1
  return counts
}
