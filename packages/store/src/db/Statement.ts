/**
 * A statement, written once and prepared once per database: its SQL is built
 * for each dialect the first time that dialect runs it (placeholders are `?`;
 * PostgreSQL gets `$1…$n`), and its row decoder is a plain function made
 * with it, not per call. What differs between SQLite and PostgreSQL is asked
 * of the `Dialect` while building, so nearly every statement is one string.
 */

/** A value bound to a placeholder. Arrays are lists (see `Dialect.list`). */
export type Param = string | number | null | Uint8Array | readonly string[]

/** A row as the driver returns it: columns by their SQL names. */
export type Row = Readonly<Record<string, unknown>>

/** What the two SQL dialects spell differently. */
export interface Dialect {
  readonly name: "sqlite" | "pg"
  /** A subquery of the values of one list parameter: `x IN ${d.list}`. */
  readonly list: string
  /** Strings of a group joined with commas, as one text (null for none). */
  readonly joined: (expression: string) => string
  /** Row locks a PostgreSQL transaction takes on what it read (nothing on SQLite). */
  readonly lockRows: string
  /**
   * `SELECT` of `columns` texts from one parameter holding a JSON array of rows (each an array
   * of texts or nulls): any number of rows in one statement and one bound value, where a
   * multi-row `VALUES` would need a placeholder per cell (see `jsonRows`).
   */
  readonly fromJsonRows: (columns: number) => string
  /**
   * An ISO-8601 UTC time (`…T09:00:00.000Z`, as the store writes them) `days` days before
   * `iso`, both SQL expressions: a bound where the days differ per row.
   */
  readonly isoDaysBefore: (iso: string, days: string) => string
}

const sqlite: Dialect = {
  name: "sqlite",
  list: "(SELECT value FROM json_each(?))",
  joined: (e) => `group_concat(${e}, ',')`,
  lockRows: "",
  fromJsonRows: (n) =>
    `SELECT ${Array.from({ length: n }, (_, i) => `json_extract(value, '$[${i}]')`).join(", ")} FROM json_each(?) WHERE true`,
  isoDaysBefore: (iso, days) =>
    `strftime('%Y-%m-%dT%H:%M:%fZ', ${iso}, '-' || (${days}) || ' days')`,
}

const pg: Dialect = {
  name: "pg",
  list: "(SELECT unnest(?::text[]))",
  joined: (e) => `string_agg(${e}, ',')`,
  lockRows: "FOR NO KEY UPDATE",
  fromJsonRows: (n) =>
    `SELECT ${Array.from({ length: n }, (_, i) => `j.value->>${i}`).join(", ")} FROM jsonb_array_elements(CAST(?::text AS jsonb)) AS j(value) WHERE true`,
  isoDaysBefore: (iso, days) =>
    `to_char((CAST(${iso} AS timestamptz) - CAST(${days} AS integer) * INTERVAL '1 day') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
}

/** The two dialects. */
export const dialects = { sqlite, pg } as const

/** `?` → `$n`, for PostgreSQL (statements never put a `?` inside a literal). */
export const numbered = (text: string) => {
  let n = 0
  return text.replace(/\?/g, () => `$${++n}`)
}

/**
 * One statement: its text per dialect (built once, on first use) and how a row
 * becomes a value.
 */
export class Statement<A = Row> {
  private readonly texts: { sqlite?: string; pg?: string } = {}
  constructor(
    private readonly build: (d: Dialect) => string,
    readonly decode: ((row: Row) => A) | null,
  ) {}

  /** The SQL for a dialect, placeholders as that dialect's driver wants them. */
  text(d: Dialect): string {
    const cached = this.texts[d.name]
    if (cached !== undefined) return cached
    const built = this.build(d).trim()
    const text = d.name === "pg" ? numbered(built) : built
    this.texts[d.name] = text
    return text
  }
}

/**
 * A statement that returns rows as they come (or no rows).
 *
 * @example
 * ```ts
 * const removeLike = statement("DELETE FROM likes WHERE post_id = ? AND member_id = ?")
 * ```
 */
export function statement(build: string | ((d: Dialect) => string)): Statement<Row>
/**
 * A statement whose rows are decoded by `decode`.
 *
 * @example
 * ```ts
 * const handleOf = statement("SELECT handle FROM members WHERE id = ?", (r) => String(r["handle"]))
 * ```
 */
export function statement<A>(
  build: string | ((d: Dialect) => string),
  decode: (row: Row) => A,
): Statement<A>
export function statement<A>(
  build: string | ((d: Dialect) => string),
  decode?: (row: Row) => A,
): Statement<A> | Statement<Row> {
  const f = typeof build === "string" ? () => build : build
  return decode === undefined ? new Statement<Row>(f, null) : new Statement<A>(f, decode)
}

/** Readers for columns: SQLite and PostgreSQL hand back the same shapes through these. */
export const col = {
  str: (r: Row, k: string): string => String(r[k] ?? ""),
  strOrNull: (r: Row, k: string): string | null => {
    const v = r[k]
    return v === null || v === undefined ? null : String(v)
  },
  num: (r: Row, k: string): number => Number(r[k] ?? 0),
  numOrNull: (r: Row, k: string): number | null => {
    const v = r[k]
    return v === null || v === undefined ? null : Number(v)
  },
  bool: (r: Row, k: string): boolean => Number(r[k] ?? 0) !== 0,
  /** A comma-joined list (`Dialect.joined`); none → []. */
  list: (r: Row, k: string): string[] => {
    const v = r[k]
    return v === null || v === undefined || v === "" ? [] : String(v).split(",")
  },
  bytes: (r: Row, k: string): Uint8Array => {
    const v = r[k]
    if (v instanceof Uint8Array) return v
    if (v instanceof ArrayBuffer) return new Uint8Array(v)
    if (Array.isArray(v)) return Uint8Array.from(v as number[])
    return new Uint8Array()
  },
}

/**
 * `INSERT … VALUES` for any number of rows, one prepared statement per row
 * count: `rows(n)` has n groups of `columns` placeholders.
 *
 * @example
 * ```ts
 * const insertOutbox = multiRow("INSERT INTO outbox (tag, payload, at) VALUES", 3)
 * db.run(insertOutbox(2), ["A", "{}", at, "B", "{}", at])
 * ```
 */
export const multiRow = (head: string, columns: number, tail = "") => {
  const byCount = new Map<number, Statement<Row>>()
  const group = `(${Array.from({ length: columns }, () => "?").join(", ")})`
  return (rows: number): Statement<Row> => {
    let s = byCount.get(rows)
    if (s === undefined) {
      s = statement(`${head} ${Array.from({ length: rows }, () => group).join(", ")} ${tail}`)
      byCount.set(rows, s)
    }
    return s
  }
}

/**
 * `INSERT INTO table (columns) SELECT … FROM` one JSON parameter (`Dialect.fromJsonRows`):
 * bind `jsonRows(rows)`. Every column is text (or null).
 *
 * @example
 * ```ts
 * const insertKeys = jsonInsert("INSERT INTO address_book_keys (owner_id, key, entry_id)", 3)
 * db.run(insertKeys, [jsonRows([["m1", "mail:ada@example.org", "e1"]])])
 * ```
 */
export const jsonInsert = (head: string, columns: number, tail = "") =>
  statement((d) => `${head} ${d.fromJsonRows(columns)} ${tail}`)

/** Rows for `jsonInsert`, as its one parameter. */
export const jsonRows = (rows: readonly (readonly (string | null)[])[]) => JSON.stringify(rows)
