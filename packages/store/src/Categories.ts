/**
 * A member's own categories.
 */
import { type Category, categoryKey, type MemberId } from "@kontakt/domain"
import { Effect } from "effect"
import { Db } from "./db/Db.js"
import { col, type Row, statement } from "./db/Statement.js"
import { flag, iso } from "./Rows.js"

/** The columns `toCategory` reads, for `categories g`. */
export const categoryColumns =
  "g.id, g.owner_id, g.name, g.review_every_days, g.less_news, g.created_at"

export const toCategory = (r: Row): Category => ({
  id: col.str(r, "id"),
  owner: col.str(r, "owner_id"),
  name: col.str(r, "name"),
  reviewEveryDays: col.numOrNull(r, "review_every_days"),
  lessNews: col.bool(r, "less_news"),
  createdAt: new Date(col.str(r, "created_at")),
})

/** An owner's categories, by name. */
export const categoriesOf = statement(
  `SELECT ${categoryColumns} FROM categories g WHERE g.owner_id = ? ORDER BY g.name_key, g.id`,
  toCategory,
)
const insert =
  statement(`INSERT INTO categories (id, owner_id, name, name_key, review_every_days, less_news, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?)`)
const update = statement(
  "UPDATE categories SET name = ?, name_key = ?, review_every_days = ?, less_news = ? WHERE id = ? AND owner_id = ?",
)
const remove = statement("DELETE FROM categories WHERE id = ? AND owner_id = ?")

export class Categories extends Effect.Service<Categories>()("@kontakt/store/Categories", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    return {
      ofOwner: (owner: MemberId) => db.all(categoriesOf, [owner]),
      insert: (c: Category) =>
        db.run(insert, [
          c.id,
          c.owner,
          c.name,
          categoryKey(c.name),
          c.reviewEveryDays,
          flag(c.lessNews),
          iso(c.createdAt),
        ]),
      update: (c: Category) =>
        db.run(update, [
          c.name,
          categoryKey(c.name),
          c.reviewEveryDays,
          flag(c.lessNews),
          c.id,
          c.owner,
        ]),
      remove: (owner: MemberId, id: string) => db.run(remove, [id, owner]),
    }
  }),
}) {}
