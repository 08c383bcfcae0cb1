/**
 * Bulk-loads a generated network for the benchmarks: members and both
 * contact records of every connection, in one transaction, 500 rows a
 * statement. The network is setup, not what is measured, so it bypasses the
 * services.
 */
import { defaultSettings } from "@kontakt/domain"
import { Effect } from "effect"
import { Db } from "../db/Db.js"
import { multiRow } from "../db/Statement.js"

const chunk = <T>(xs: readonly T[], n: number) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n))

const insertMembers = multiRow(
  "INSERT INTO members (id, handle, email, display_name, settings, password_hash, created_at) VALUES",
  7,
)
const insertRecords = multiRow(
  `INSERT INTO contacts (owner_id, contact_id, request_id, connected_at, review_due_at, sort_name) VALUES`,
  6,
)

export const seedNetwork = (
  ids: readonly string[],
  edges: readonly (readonly [number, number])[],
  at: string,
) =>
  Effect.gen(function* () {
    const db = yield* Db
    const settings = JSON.stringify(defaultSettings())
    yield* db.transaction(
      Effect.gen(function* () {
        for (const part of chunk(ids, 500))
          yield* db.run(
            insertMembers(part.length),
            part.flatMap((id) => [
              id,
              id,
              `${id}@bench.example`,
              `Member ${id}`,
              settings,
              "x",
              at,
            ]),
          )
        for (const part of chunk(edges, 250))
          yield* db.run(
            insertRecords(part.length * 2),
            part.flatMap(([a, b]) =>
              [
                [a, b],
                [b, a],
              ].flatMap(([o, c]) => [
                ids[o ?? 0] ?? "",
                ids[c ?? 0] ?? "",
                "seed",
                at,
                at,
                `member ${ids[c ?? 0]}`,
              ]),
            ),
          )
      }),
    )
  })
