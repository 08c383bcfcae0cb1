/**
 * Which member id is behind a handle, as this process last saw it: loaded
 * with the network index, learnt from every profile looked up since. A
 * profile needs the member's id before the network can answer (mutual
 * contacts, the path) and before the members those answers name can be
 * read; knowing the id from memory lets the member and everyone the answers
 * name be read together — one round trip on PostgreSQL instead of two.
 *
 * Only ever a hint: the member row read by handle in that same round trip
 * decides. Handles never change, but a deleted member's handle may be taken
 * again, and members who signed up since the load are not here until their
 * profile is first looked up; either way the row's id differs or is missing
 * here, and the route takes the long way.
 */
import { type DbShape, type SqlError, statement } from "@kontakt/store"
import { Effect } from "effect"

const handles = statement("SELECT id, handle FROM members", (r): [string, string] => [
  String(r["handle"]),
  String(r["id"]),
])

export class HandleIds {
  private readonly ids = new Map<string, string>()

  /** Every member's handle as of now. */
  load(db: DbShape): Effect.Effect<void, SqlError> {
    return Effect.map(db.all(handles), (rows) => {
      this.ids.clear()
      for (const [handle, id] of rows) this.ids.set(handle, id)
    })
  }

  /** The id last seen behind a handle (lower case), if any. */
  hint(handle: string): string | undefined {
    return this.ids.get(handle.toLowerCase())
  }

  /** What a lookup by handle found. */
  learn(handle: string, id: string) {
    this.ids.set(handle.toLowerCase(), id)
  }
}
