/**
 * Counts kept by the database: triggers that keep a column of one table
 * equal to the number of another table's rows naming its row, in the
 * transaction of every insert and delete (cascades included). Migrations 19
 * and 21 use them; the lifecycle's invariants check them (testing/invariants.ts).
 */
import type { Dialect } from "../db/Statement.js"

/** A kept count: `target.column` is the number of `table`'s rows whose `key` is the target's id. */
export interface KeptCount {
  readonly table: string
  readonly key: string
  readonly target: string
  readonly column: string
}

/** The trigger statements that keep the count `c` (a function and a trigger on PostgreSQL). */
export const counterTriggers = (d: Dialect, c: KeptCount): readonly string[] => {
  const up = (row: string) =>
    `UPDATE ${c.target} SET ${c.column} = ${c.column} + 1 WHERE id = ${row}.${c.key};`
  const down = (row: string) =>
    `UPDATE ${c.target} SET ${c.column} = ${c.column} - 1 WHERE id = ${row}.${c.key};`
  if (d.name === "pg")
    return [
      `CREATE FUNCTION kontakt_count_${c.table}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN ${up("NEW")} ELSE ${down("OLD")} END IF;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER ${c.table}_counted AFTER INSERT OR DELETE ON ${c.table}
       FOR EACH ROW EXECUTE FUNCTION kontakt_count_${c.table}()`,
    ]
  return [
    `CREATE TRIGGER ${c.table}_counted_in AFTER INSERT ON ${c.table} BEGIN ${up("NEW")} END`,
    `CREATE TRIGGER ${c.table}_counted_out AFTER DELETE ON ${c.table} BEGIN ${down("OLD")} END`,
  ]
}

/** Sets the count's column from the rows there (a migration's first fill). */
export const counterFill = (c: KeptCount) =>
  `UPDATE ${c.target} SET ${c.column} =
     (SELECT COUNT(*) FROM ${c.table} x WHERE x.${c.key} = ${c.target}.id)`
