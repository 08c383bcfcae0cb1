/**
 * The port on PostgreSQL through postgres.js, which pipelines: queries sent
 * on one connection without waiting are answered in order, one round trip
 * for all of them. A write transaction is therefore two round trips for
 * most commands — `BEGIN`, its row locks and its first read go together; its
 * writes go together with `COMMIT` — plus one per further read.
 */
import { Effect, FiberRef, Layer } from "effect"
import postgres from "postgres"
import { type Counter, currentCounter, Db, type DbShape, type Lock, SqlError } from "./Db.js"
import { dialects, numbered, type Param, type Row, type Statement } from "./Statement.js"

type Client = postgres.Sql<Record<string, never>>
type Reserved = postgres.ReservedSql<Record<string, never>>
type Query = postgres.PendingQuery<postgres.Row[]>

const failed = (cause: unknown) =>
  new SqlError({ message: cause instanceof Error ? cause.message : String(cause), cause })

const text = (s: Statement<unknown>) => s.text(dialects.pg)

// postgres.js wants mutable arrays of its own parameter type.
const values = (params: readonly Param[]) => params as unknown as postgres.ParameterOrJSON<never>[]

const decodeAll = <A>(s: Statement<A>, rows: readonly Row[]): A[] => {
  const decode = s.decode
  if (decode === null) return rows as unknown as A[]
  const out: A[] = new Array(rows.length)
  for (let i = 0; i < rows.length; i++) out[i] = decode(rows[i] as Row)
  return out
}

/** A write transaction on one reserved connection. */
class Transaction {
  /** Created but not yet awaited: `BEGIN` and the lock, until the first read sends them. */
  private unsent: Query[]
  private began = false
  private readonly writes: [Statement<unknown>, readonly Param[]][] = []

  constructor(
    private readonly conn: Reserved,
    lock: Lock | undefined,
    private readonly counter: Counter | null,
  ) {
    this.unsent = [conn.unsafe("BEGIN")]
    if (lock !== undefined)
      this.unsent.push(conn.unsafe(text(lock.statement), values(lock.params), { prepare: true }))
  }

  private tally(statements: number) {
    if (this.counter !== null) {
      this.counter.statements += statements
      this.counter.roundTrips += 1
    }
  }

  async read(reads: readonly (readonly [Statement<unknown>, readonly Param[]])[]) {
    const queries = reads.map(([s, params]) =>
      this.conn.unsafe(text(s), values(params), { prepare: true }),
    )
    const before = this.unsent
    this.unsent = []
    this.began = true
    const settled = await Promise.allSettled([...before, ...queries])
    this.tally(reads.length + (before.length > 1 ? 1 : 0))
    const failure = settled.find((r) => r.status === "rejected")
    if (failure !== undefined) throw failure.reason
    return settled
      .slice(before.length)
      .map((r, i) =>
        decodeAll(
          (reads[i] as readonly [Statement<unknown>, readonly Param[]])[0],
          (r as PromiseFulfilledResult<Row[]>).value,
        ),
      )
  }

  write(s: Statement<unknown>, params: readonly Param[]) {
    this.writes.push([s, params])
  }

  /** Sends the writes and `COMMIT` together; the first error, if any, is the transaction's. */
  async commit() {
    if (!this.began && this.writes.length === 0) return
    const queries = [
      ...this.unsent,
      ...this.writes.map(([s, params]) =>
        this.conn.unsafe(text(s), values(params), { prepare: true }),
      ),
      this.conn.unsafe("COMMIT"),
    ]
    const sentLock = this.unsent.length > 1 ? 1 : 0
    this.unsent = []
    const settled = await Promise.allSettled(queries)
    if (this.counter !== null) {
      this.counter.statements += this.writes.length + sentLock
      this.counter.transactions += 1
      this.counter.roundTrips += 1
    }
    const failure = settled.find((r) => r.status === "rejected")
    if (failure !== undefined) throw failure.reason
  }

  /** Ends a transaction that failed; nothing to send if nothing was. */
  rollback() {
    if (!this.began) return
    // Sent, not awaited: the connection answers it before anything sent after it.
    this.conn.unsafe("ROLLBACK").catch(() => {})
    if (this.counter !== null) this.counter.transactions += 1
  }
}

const currentTransaction = FiberRef.unsafeMake<Transaction | null>(null)

/** The port over a postgres.js client. */
export const postgresDb = (client: Client): DbShape => {
  const onPool = (reads: readonly (readonly [Statement<unknown>, readonly Param[]])[]) =>
    Effect.withFiberRuntime<unknown[][], SqlError>((fiber) => {
      const counter = fiber.getFiberRef(currentCounter)
      const tx = fiber.getFiberRef(currentTransaction)
      if (tx !== null) return Effect.tryPromise({ try: () => tx.read(reads), catch: failed })
      return Effect.tryPromise({
        try: async () => {
          const results = await Promise.all(
            reads.map(([s, params]) => client.unsafe(text(s), values(params), { prepare: true })),
          )
          if (counter !== null) {
            counter.statements += reads.length
            counter.roundTrips += 1
          }
          return results.map((rows, i) =>
            decodeAll((reads[i] as readonly [Statement<unknown>, readonly Param[]])[0], rows),
          )
        },
        catch: failed,
      })
    })

  const all = <A>(s: Statement<A>, params: readonly Param[] = []) =>
    Effect.map(onPool([[s as Statement<unknown>, params]]), (results) => results[0] as A[])

  return {
    dialect: dialects.pg,
    inProcess: false,
    all,
    first: (s, params = []) => Effect.map(all(s, params), (rows) => rows[0]),
    reads: ((reads: readonly (readonly [Statement<unknown>, readonly Param[]])[]) =>
      onPool(reads)) as DbShape["reads"],
    run: (s, params = []) =>
      Effect.withFiberRuntime<void, SqlError>((fiber) => {
        const tx = fiber.getFiberRef(currentTransaction)
        if (tx !== null) {
          tx.write(s, params)
          return Effect.void
        }
        return Effect.asVoid(onPool([[s, params]]))
      }),
    transaction: (body, lock) =>
      Effect.withFiberRuntime((fiber) => {
        if (fiber.getFiberRef(currentTransaction) !== null) return body
        const counter = fiber.getFiberRef(currentCounter)
        return Effect.acquireUseRelease(
          Effect.tryPromise({ try: () => client.reserve(), catch: failed }),
          (conn) => {
            const tx = new Transaction(conn, lock, counter)
            return Effect.locally(body, currentTransaction, tx).pipe(
              Effect.tap(() => Effect.tryPromise({ try: () => tx.commit(), catch: failed })),
              Effect.tapErrorCause(() => Effect.sync(() => tx.rollback())),
            )
          },
          (conn) => Effect.sync(() => conn.release()),
        )
      }),
    unsafe: (sqlText, params = []) =>
      Effect.tryPromise({
        try: () =>
          client.unsafe(numbered(sqlText), values(params)).then((rows) => [...rows] as Row[]),
        catch: failed,
      }),
  }
}

/** Options of the PostgreSQL layer. */
export interface PostgresOptions {
  /** Connections in this process's pool. */
  readonly max?: number
}

/** A postgres.js client as kontakt uses it: BIGINT as numbers, no notices. */
export const postgresClient = (url: string, options: PostgresOptions = {}): Client =>
  postgres(url, {
    max: options.max ?? 10,
    prepare: true,
    onnotice: () => {},
    // COUNT(*) and identities are BIGINT; every one kontakt has fits a double.
    types: {
      bigint: {
        to: 20,
        from: [20],
        serialize: (x: number) => String(x),
        parse: (x: string) => Number(x),
      },
    },
  }) as unknown as Client

/** The PostgreSQL port as a layer; the pool ends with the layer. */
export const postgresLayer = (url: string, options: PostgresOptions = {}): Layer.Layer<Db> =>
  Layer.scoped(
    Db,
    Effect.map(
      Effect.acquireRelease(
        Effect.sync(() => postgresClient(url, options)),
        (client) => Effect.promise(() => client.end({ timeout: 5 })),
      ),
      postgresDb,
    ),
  )
