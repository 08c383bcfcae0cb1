/**
 * Cloudflare's D1 API, emulated over a SQLite file with better-sqlite3 for
 * tests on Node: statements run on their own (autocommit), `batch` runs a
 * list atomically, blobs go in as ArrayBuffers. The real D1, in workerd, is
 * what apps/api's worker suite drives.
 */
import Database from "better-sqlite3"
import type { D1Database, D1PreparedStatement } from "../../src/d1.js"

export const emulatedD1 = (filename: string): D1Database & { close: () => void } => {
  const db = new Database(filename)
  db.pragma("journal_mode = WAL")
  db.pragma("foreign_keys = ON")
  const values = (params: readonly unknown[]) =>
    params.map((p) => (p instanceof ArrayBuffer ? Buffer.from(p) : p))
  const prepared = (text: string, params: readonly unknown[] = []) => {
    const exec = () => {
      const s = db.prepare(text)
      if (s.reader) return s.all(...values(params))
      s.run(...values(params))
      return []
    }
    const statement: D1PreparedStatement & { exec: () => unknown[] } = {
      bind: (...bound: unknown[]) => prepared(text, bound),
      all: async <T>() => ({ results: exec() as T[] }),
      run: async () => exec(),
      exec,
    }
    return statement
  }
  return {
    prepare: (text) => prepared(text),
    batch: async (statements) =>
      db.transaction(() =>
        statements.map((s) => (s as D1PreparedStatement & { exec: () => unknown[] }).exec()),
      )(),
    close: () => db.close(),
  }
}
