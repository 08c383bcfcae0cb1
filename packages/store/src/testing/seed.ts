/**
 * Bulk-loads a generated network for the benchmarks: members, connections
 * and both contact records, in one transaction, 500 rows a statement. The
 * network is setup, not what is measured, so it bypasses the services.
 */
import { SqlClient } from "@effect/sql"
import { defaultSettings } from "@kontakt/domain"
import { Effect } from "effect"

const chunk = <T>(xs: readonly T[], n: number) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n))

export const seedNetwork = (
  ids: readonly string[],
  edges: readonly (readonly [number, number])[],
  at: string,
) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const settings = JSON.stringify(defaultSettings())
    yield* sql.withTransaction(
      Effect.gen(function* () {
        for (const part of chunk(ids, 500)) {
          yield* sql`INSERT INTO members ${sql.insert(
            part.map((id) => ({
              id,
              handle: id,
              email: `${id}@bench.example`,
              displayName: `Member ${id}`,
              settings,
              passwordHash: "x",
              createdAt: at,
            })),
          )}`
        }
        for (const part of chunk(edges, 500)) {
          yield* sql`INSERT INTO connections ${sql.insert(part.map(([a, b]) => ({ pairLo: ids[a], pairHi: ids[b], since: at, requestId: "seed" })))}`
          yield* sql`INSERT INTO contacts ${sql.insert(
            part.flatMap(([a, b]) =>
              [
                [a, b],
                [b, a],
              ].map(([o, c]) => ({
                ownerId: ids[o ?? 0],
                contactId: ids[c ?? 0],
                pairLo: ids[a],
                pairHi: ids[b],
                connectedAt: at,
                reviewDueAt: at,
                sortName: `member ${ids[c ?? 0]}`,
              })),
            ),
          )}`
        }
      }),
    )
  })
