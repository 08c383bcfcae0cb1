/**
 * The port on Cloudflare D1 (SQLite at the edge). D1 has no interactive
 * transactions: a statement runs on its own, or a list of statements runs
 * atomically with `batch`. So a write transaction reads as it goes and sends
 * its writes as one batch at the end: all or nothing, as on the other
 * databases. What it cannot do is lock: between a transaction's reads and
 * its batch another request may write. The database's constraints still hold
 * every invariant they carry (one open request per pair, one connection per
 * pair, category names per owner); counted limits (100 requests a week) can
 * be overrun by a few under concurrent requests from one member.
 * A migration is a transaction too, so it is applied whole or not at all.
 */
import { Effect, FiberRef, Layer } from "effect"
import { type Counter, currentCounter, Db, type DbShape, SqlError } from "./Db.js"
import { dialects, type Param, type Row, type Statement } from "./Statement.js"

/** The part of Cloudflare's D1 binding this port uses. */
export interface D1Database {
  prepare(query: string): D1PreparedStatement
  batch(statements: D1PreparedStatement[]): Promise<unknown[]>
}
export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement
  all<T = Record<string, unknown>>(): Promise<{ results: T[] }>
  run(): Promise<unknown>
}

const failed = (cause: unknown) =>
  new SqlError({ message: cause instanceof Error ? cause.message : String(cause), cause })

// D1 binds ArrayBuffers, not Node's Uint8Array views of a larger buffer; lists go as JSON.
const bindable = (params: readonly Param[]) =>
  params.map((p) =>
    p instanceof Uint8Array
      ? p.buffer.slice(p.byteOffset, p.byteOffset + p.byteLength)
      : Array.isArray(p)
        ? JSON.stringify(p)
        : p,
  )

// D1 hands blobs back as ArrayBuffers; the store reads Uint8Arrays.
const normalize = (rows: Record<string, unknown>[]): Row[] => {
  for (const row of rows)
    for (const [k, v] of Object.entries(row))
      if (v instanceof ArrayBuffer) row[k] = new Uint8Array(v)
  return rows
}

const decodeAll = <A>(s: Statement<A>, rows: readonly Row[]): A[] => {
  const decode = s.decode
  return decode === null ? (rows as unknown as A[]) : rows.map((r) => decode(r))
}

/** The writes a running transaction keeps for its batch. */
const currentBatch = FiberRef.unsafeMake<D1PreparedStatement[] | null>(null)

/** The port over a D1 binding. */
export const d1Db = (db: D1Database): DbShape => {
  const prepared = (s: Statement<unknown>, params: readonly Param[]) =>
    db.prepare(s.text(dialects.sqlite)).bind(...bindable(params))
  const tally = (c: Counter | null, statements: number) => {
    if (c !== null) {
      c.statements += statements
      c.roundTrips += 1
    }
  }
  const readAll = (reads: readonly (readonly [Statement<unknown>, readonly Param[]])[]) =>
    Effect.withFiberRuntime<unknown[][], SqlError>((fiber) => {
      const counter = fiber.getFiberRef(currentCounter)
      return Effect.tryPromise({
        try: async () => {
          const results = await Promise.all(reads.map(([s, params]) => prepared(s, params).all()))
          tally(counter, reads.length)
          return results.map((r, i) =>
            decodeAll(
              (reads[i] as readonly [Statement<unknown>, readonly Param[]])[0],
              normalize(r.results as Record<string, unknown>[]),
            ),
          )
        },
        catch: failed,
      })
    })
  const all = <A>(s: Statement<A>, params: readonly Param[] = []) =>
    Effect.map(readAll([[s as Statement<unknown>, params]]), (r) => r[0] as A[])

  return {
    dialect: dialects.sqlite,
    inProcess: false,
    all,
    first: (s, params = []) => Effect.map(all(s, params), (rows) => rows[0]),
    reads: ((reads: readonly (readonly [Statement<unknown>, readonly Param[]])[]) =>
      readAll(reads)) as DbShape["reads"],
    run: (s, params = []) =>
      Effect.withFiberRuntime<void, SqlError>((fiber) => {
        const batch = fiber.getFiberRef(currentBatch)
        if (batch !== null) {
          batch.push(prepared(s, params))
          return Effect.void
        }
        const counter = fiber.getFiberRef(currentCounter)
        return Effect.tryPromise({
          try: async () => {
            await prepared(s, params).run()
            tally(counter, 1)
          },
          catch: failed,
        })
      }),
    transaction: (body) =>
      Effect.withFiberRuntime((fiber) => {
        if (fiber.getFiberRef(currentBatch) !== null) return body
        const counter = fiber.getFiberRef(currentCounter)
        const batch: D1PreparedStatement[] = []
        return Effect.locally(body, currentBatch, batch).pipe(
          Effect.tap(() =>
            batch.length === 0
              ? Effect.void
              : Effect.tryPromise({
                  try: async () => {
                    await db.batch(batch)
                    if (counter !== null) {
                      counter.statements += batch.length
                      counter.transactions += 1
                      counter.roundTrips += 1
                    }
                  },
                  catch: failed,
                }),
          ),
        )
      }),
    unsafe: (text, params = []) =>
      Effect.tryPromise({
        try: async () =>
          normalize(
            (
              await db
                .prepare(text)
                .bind(...bindable(params))
                .all()
            ).results as Record<string, unknown>[],
          ),
        catch: failed,
      }),
  }
}

/** The D1 port as a layer. */
export const d1Layer = (db: D1Database): Layer.Layer<Db> => Layer.succeed(Db, d1Db(db))
