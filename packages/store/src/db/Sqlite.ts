/**
 * The port on SQLite through better-sqlite3: synchronous calls in the
 * process, every statement prepared once per connection. A statement is one
 * Effect step around the driver call.
 *
 * Pragmas: WAL (readers never wait for the writer), foreign keys on, a busy
 * timeout (another process's transaction is waited for, not failed),
 * `synchronous = NORMAL` (a commit survives any crash of the process; only a
 * power loss may drop the last commits), a 64 MiB page cache and mmap reads.
 * The connection leaves checkpoints to Checkpointer.ts's thread, and
 * `journal_size_limit` gives the log's file back after each reset; only
 * should the thread fall behind by twice the limit does a writer copy the log
 * itself (`brakeFrames`).
 */
import Sqlite from "better-sqlite3"
import { Effect, Exit, Layer, Runtime } from "effect"
import { type Counter, currentCounter, Db, type DbShape, SqlError } from "./Db.js"
import { dialects, type Param, type Row, type Statement } from "./Statement.js"
import { walGate, writersHeld } from "./WalGate.js"

/**
 * The WAL's bound: the checkpointer starts the log over from half of it (Checkpointer.ts), and
 * a file that still grew past it is cut back to it when the log starts over.
 */
export const WAL_SIZE_LIMIT = 64 * 1024 * 1024

/**
 * The frames at which a writer copies the log back itself, should the checkpointer's thread
 * fall behind (a sync of the database file stalled for seconds by other disk traffic, say):
 * twice the limit. SQLite's own automatic checkpoint, as a brake: it never runs while the
 * thread keeps up, and when it does, the writer pays for the copy, so writes slow down to the
 * pace at which the log can be copied instead of growing it without bound.
 */
const brakeFrames = (db: Sqlite.Database, limitBytes: number) =>
  Math.ceil((2 * limitBytes) / ((db.pragma("page_size", { simple: true }) as number) + 24))

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

/** How long a statement waits for another process's lock before it fails. */
const BUSY_TIMEOUT_MS = 10_000

/** Opens a database file with kontakt's pragmas (`walLimitBytes`: the WAL's bound, for tests). */
export const openSqlite = (filename: string, walLimitBytes = WAL_SIZE_LIMIT): Sqlite.Database => {
  const db = new Sqlite(filename)
  db.pragma("journal_mode = WAL")
  db.pragma("foreign_keys = ON")
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  db.pragma("synchronous = NORMAL")
  db.pragma("cache_size = -65536")
  db.pragma("mmap_size = 268435456")
  db.pragma(`wal_autocheckpoint = ${brakeFrames(db, walLimitBytes)}`)
  db.pragma(`journal_size_limit = ${walLimitBytes}`)
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
  const dontWait = db.prepare("PRAGMA busy_timeout = 0")
  const wait = db.prepare(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
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

  // The write lock, without waiting for it inside SQLite: its busy handler sleeps the whole
  // thread for 1, 2, 5, 10 … ms while another process holds a lock for half a millisecond.
  // Here a busy lock is asked for again after a turn of the event loop, which serves
  // other requests meanwhile; after BUSY_TIMEOUT_MS it fails as SQLite's own timeout would.
  const gate = walGate(db.name)
  const tryBegin = (): boolean => {
    // The checkpointer is copying the log's last frames: let it (WalGate.ts).
    if (writersHeld(gate)) return false
    dontWait.run()
    try {
      begin.run()
      return true
    } catch (e) {
      if ((e as { code?: string }).code === "SQLITE_BUSY") return false
      throw e
    } finally {
      wait.run()
    }
  }
  // First after a turn of the event loop, then after a millisecond: no spinning.
  const later = (tries: number) =>
    Effect.async<void>((resume) => {
      if (tries === 0) setImmediate(() => resume(Effect.void))
      else setTimeout(() => resume(Effect.void), 1)
    })

  // One try at the whole transaction: the lock, then (synchronously, so that nothing else
  // runs on the connection meanwhile) the body and the commit; if the lock is busy, again
  // after a turn of the event loop.
  const attempt = <A, E>(
    runtime: Runtime.Runtime<never>,
    body: Effect.Effect<A, E, never>,
    since: number,
    tries = 0,
  ): Effect.Effect<A, E | SqlError> =>
    Effect.withFiberRuntime<A, E | SqlError>((fiber) => {
      try {
        if (!tryBegin())
          return performance.now() - since > BUSY_TIMEOUT_MS
            ? Effect.fail(failed(new Error("SQLITE_BUSY: the database stayed locked")))
            : Effect.zipRight(later(tries), attempt(runtime, body, since, tries + 1))
      } catch (e) {
        return Effect.fail(failed(e))
      }
      const counter = fiber.getFiberRef(currentCounter)
      depth++
      let exit: Exit.Exit<A, E>
      try {
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
    })

  const transaction = <A, E, R>(body: Effect.Effect<A, E, R>): Effect.Effect<A, E | SqlError, R> =>
    Effect.suspend(() =>
      depth > 0
        ? body
        : Effect.flatMap(Effect.runtime<R>(), (runtime) =>
            attempt(
              runtime as Runtime.Runtime<never>,
              body as Effect.Effect<A, E, never>,
              performance.now(),
            ),
          ),
    )

  const shape: DbShape = {
    dialect: dialects.sqlite,
    inProcess: true,
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
export const sqliteLayer = (
  filename: string,
  walLimitBytes = WAL_SIZE_LIMIT,
): Layer.Layer<Db, SqlError> =>
  Layer.scoped(
    Db,
    Effect.map(
      Effect.acquireRelease(
        Effect.try({ try: () => openSqlite(filename, walLimitBytes), catch: failed }),
        (db) => Effect.sync(() => db.close()),
      ),
      sqliteDb,
    ),
  )
