/**
 * The port on SQLite through better-sqlite3: synchronous calls in the
 * process, every statement prepared once per connection. A statement is one
 * Effect step around the driver call.
 *
 * Pragmas: WAL (readers never wait for the writer), foreign keys on, a busy
 * timeout (another process's transaction is waited for, not failed),
 * `synchronous = NORMAL` (a commit survives any crash of the process; only a
 * power loss may drop the last commits), a 64 MiB page cache and mmap reads.
 * The connection never checkpoints by itself (`wal_autocheckpoint = 0`):
 * Checkpointer.ts does it on its own thread, and `journal_size_limit` gives
 * the log's file back after each reset.
 */
import Sqlite from "better-sqlite3"
import { Effect, Exit, Layer, Runtime } from "effect"
import { type Counter, currentCounter, Db, type DbShape, SqlError } from "./Db.js"
import { dialects, type Param, type Row, type Statement } from "./Statement.js"

/** Where the WAL's file is cut back to after a checkpoint resets it. */
export const WAL_SIZE_LIMIT = 64 * 1024 * 1024

const bindable = (params: readonly Param[]) => {
  const out: unknown[] = new Array(params.length)
  for (let i = 0; i < params.length; i++) {
    const p = params[i]
    out[i] =
      typeof p === "object" && p !== null
        ? p instanceof Uint8Array
          ? Buffer.isBuffer(p)
            ? p
            : Buffer.from(p.buffer, p.byteOffset, p.byteLength)
          : JSON.stringify(p)
        : p
  }
  return out
}

const failed = (cause: unknown) =>
  new SqlError({ message: cause instanceof Error ? cause.message : String(cause), cause })

/** Opens a database file with kontakt's pragmas. */
export const openSqlite = (filename: string): Sqlite.Database => {
  const db = new Sqlite(filename)
  db.pragma("journal_mode = WAL")
  db.pragma("foreign_keys = ON")
  db.pragma("busy_timeout = 10000")
  db.pragma("synchronous = NORMAL")
  db.pragma("cache_size = -65536")
  db.pragma("mmap_size = 268435456")
  db.pragma("wal_autocheckpoint = 0")
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`)
  return db
}

/** The port over an open better-sqlite3 connection. */
export const sqliteDb = (db: Sqlite.Database): DbShape => {
  const prepared = new Map<Statement<unknown>, Sqlite.Statement>()
  const byText = new Map<string, Sqlite.Statement>()
  const prepare = (s: Statement<unknown>) => {
    let p = prepared.get(s)
    if (p === undefined) {
      p = db.prepare(s.text(dialects.sqlite))
      prepared.set(s, p)
    }
    return p
  }
  const begin = db.prepare("BEGIN IMMEDIATE")
  const commit = db.prepare("COMMIT")
  const rollback = db.prepare("ROLLBACK")
  let depth = 0

  const tally = (c: Counter | null, statements: number, transactions = 0) => {
    if (c !== null) {
      c.statements += statements
      c.transactions += transactions
      // In process: no round trips.
    }
  }

  const rowsOf = <A>(s: Statement<A>, params: readonly Param[]): A[] => {
    const p = prepare(s as Statement<unknown>)
    if (!p.reader) {
      p.run(...bindable(params))
      return []
    }
    const rows = p.all(...bindable(params)) as Row[]
    const decode = s.decode
    if (decode === null) return rows as unknown as A[]
    const out: A[] = new Array(rows.length)
    for (let i = 0; i < rows.length; i++) out[i] = decode(rows[i] as Row)
    return out
  }

  const all = <A>(s: Statement<A>, params: readonly Param[] = []) =>
    Effect.withFiberRuntime<A[], SqlError>((fiber) => {
      try {
        const rows = rowsOf(s, params)
        tally(fiber.getFiberRef(currentCounter), 1)
        return Effect.succeed(rows)
      } catch (e) {
        return Effect.fail(failed(e))
      }
    })

  const transaction = <A, E, R>(body: Effect.Effect<A, E, R>): Effect.Effect<A, E | SqlError, R> =>
    Effect.suspend(() =>
      depth > 0
        ? body
        : Effect.flatMap(Effect.runtime<R>(), (runtime) =>
            Effect.withFiberRuntime<A, E | SqlError>((fiber) => {
              const counter = fiber.getFiberRef(currentCounter)
              try {
                begin.run()
              } catch (e) {
                return Effect.fail(failed(e))
              }
              depth++
              let exit: Exit.Exit<A, E>
              try {
                // Synchronously to its end: nothing else runs on the connection meanwhile.
                exit = Runtime.runSyncExit(runtime)(body)
              } catch (e) {
                exit = Exit.die(e)
              } finally {
                depth--
              }
              try {
                if (Exit.isSuccess(exit)) commit.run()
                else rollback.run()
              } catch (e) {
                if (db.inTransaction) rollback.run()
                return Effect.fail(failed(e))
              }
              tally(counter, 0, 1)
              return exit
            }),
          ),
    )

  const shape: DbShape = {
    dialect: dialects.sqlite,
    all,
    first: (s, params = []) => Effect.map(all(s, params), (rows) => rows[0]),
    reads: ((reads: readonly (readonly [Statement<unknown>, readonly Param[]])[]) =>
      Effect.withFiberRuntime((fiber) => {
        try {
          const results = reads.map(([s, params]) => rowsOf(s, params))
          tally(fiber.getFiberRef(currentCounter), reads.length)
          return Effect.succeed(results as never)
        } catch (e) {
          return Effect.fail(failed(e))
        }
      })) as DbShape["reads"],
    run: (s, params = []) =>
      Effect.withFiberRuntime<void, SqlError>((fiber) => {
        try {
          prepare(s).run(...bindable(params))
          tally(fiber.getFiberRef(currentCounter), 1)
          return Effect.void
        } catch (e) {
          return Effect.fail(failed(e))
        }
      }),
    transaction,
    unsafe: (text, params = []) =>
      Effect.try({
        try: () => {
          let p = byText.get(text)
          if (p === undefined) {
            p = db.prepare(text)
            if (byText.size > 200) byText.clear()
            byText.set(text, p)
          }
          if (p.reader) return p.all(...bindable(params)) as Row[]
          p.run(...bindable(params))
          return []
        },
        catch: failed,
      }),
  }
  return shape
}

/** The SQLite port as a layer; the connection closes with the layer. */
export const sqliteLayer = (filename: string): Layer.Layer<Db, SqlError> =>
  Layer.scoped(
    Db,
    Effect.map(
      Effect.acquireRelease(Effect.try({ try: () => openSqlite(filename), catch: failed }), (db) =>
        Effect.sync(() => db.close()),
      ),
      sqliteDb,
    ),
  )
