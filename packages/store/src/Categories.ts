/**
 * A member's own categories.
 */
import { SqlClient } from "@effect/sql"
import { type Category, categoryKey, type MemberId } from "@kontakt/domain"
import { Effect } from "effect"
import { iso } from "./Rows.js"

interface CategoryRow {
  readonly id: string
  readonly ownerId: string
  readonly name: string
  readonly reviewEveryDays: number | null
  readonly createdAt: string
}
const toCategory = (r: CategoryRow): Category => ({
  ...r,
  owner: r.ownerId,
  createdAt: new Date(r.createdAt),
})

export class Categories extends Effect.Service<Categories>()("@kontakt/store/Categories", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    return {
      ofOwner: (owner: MemberId) =>
        sql<CategoryRow>`SELECT id, owner_id, name, review_every_days, created_at FROM categories
          WHERE owner_id = ${owner} ORDER BY name_key, id`.pipe(
          Effect.map((rows) => rows.map(toCategory)),
        ),
      insert: (c: Category) =>
        sql`INSERT INTO categories ${sql.insert({
          id: c.id,
          ownerId: c.owner,
          name: c.name,
          nameKey: categoryKey(c.name),
          reviewEveryDays: c.reviewEveryDays,
          createdAt: iso(c.createdAt),
        })}`.pipe(Effect.asVoid),
      update: (c: Category) =>
        sql`UPDATE categories SET name = ${c.name}, name_key = ${categoryKey(c.name)}, review_every_days = ${c.reviewEveryDays}
          WHERE id = ${c.id} AND owner_id = ${c.owner}`.pipe(Effect.asVoid),
      remove: (owner: MemberId, id: string) =>
        sql`DELETE FROM categories WHERE id = ${id} AND owner_id = ${owner}`.pipe(Effect.asVoid),
      /** Owners' contacts filed under a category (their review dates depend on its cadence). */
      contactsIn: (id: string) =>
        sql<{
          contactId: string
        }>`SELECT contact_id FROM contact_categories WHERE category_id = ${id}`.pipe(
          Effect.map((rows) => rows.map((r) => r.contactId)),
        ),
    }
  }),
}) {}
