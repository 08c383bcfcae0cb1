/**
 * Runs store services against a real database with a clock the test moves.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { defaultPolicy, defaultSettings, type Policy } from "@kontakt/domain"
import { Clock, Duration, Effect, Layer, ManagedRuntime } from "effect"
import { d1Layer } from "../../src/d1.js"
import { Db, Members, migrate, type Param, type Row, storeServicesWith } from "../../src/index.js"
import { type DatabaseConfig, databaseLayer } from "../../src/node.js"
import { emulatedD1 } from "./d1-emulated.js"

export const DAY = 86_400_000

const testClock = (now: () => number): Clock.Clock => ({
  [Clock.ClockTypeId]: Clock.ClockTypeId,
  unsafeCurrentTimeMillis: now,
  unsafeCurrentTimeNanos: () => BigInt(now()) * 1_000_000n,
  currentTimeMillis: Effect.sync(now),
  currentTimeNanos: Effect.sync(() => BigInt(now()) * 1_000_000n),
  sleep: (d) => Effect.promise(() => new Promise<void>((r) => setTimeout(r, Duration.toMillis(d)))),
})

/** A database for the harness: one of the Node databases, or D1 emulated over a SQLite file. */
export type HarnessDatabase = DatabaseConfig | { readonly kind: "d1"; readonly filename: string }

export const makeHarness = async (
  config: HarnessDatabase,
  options: { readonly policy?: Policy; readonly maxConnections?: number } = {},
) => {
  // Real time at the start, so that worker processes on the real clock agree with the harness.
  let time = Date.now()
  const db =
    config.kind === "d1"
      ? d1Layer(emulatedD1(config.filename))
      : databaseLayer(config, { maxConnections: options.maxConnections ?? 10 })
  const layer = storeServicesWith(options.policy ?? defaultPolicy).pipe(Layer.provideMerge(db))
  const runtime = ManagedRuntime.make(layer)
  const clock = testClock(() => time)
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) =>
    runtime.runPromise(Effect.withClock(effect, clock))
  const attempt = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) =>
    runtime.runPromise(Effect.withClock(Effect.either(effect), clock))
  await run(migrate)
  let seq = 0
  return {
    run,
    attempt,
    /** Raw SQL on the database, outside the store: what tests check the tables with. */
    query: <R extends Row = Row>(text: string, params: readonly Param[] = []) =>
      run(Effect.flatMap(Db, (d) => d.unsafe(text, params))) as Promise<R[]>,
    /** Raw SQL, telling whether the database took it: "ok", or the error's tag. */
    outcome: (text: string, params: readonly Param[] = []) =>
      attempt(Effect.flatMap(Db, (d) => d.unsafe(text, params))).then((e) =>
        e._tag === "Right" ? "ok" : e.left._tag,
      ),
    advanceDays: (days: number) => {
      time += days * DAY
    },
    now: () => new Date(time),
    /** Creates a member with the default settings (changed as given). */
    member: (handle: string, settings: Partial<ReturnType<typeof defaultSettings>> = {}) =>
      run(
        Effect.flatMap(Members, (m) =>
          m.create(
            {
              handle,
              email: `${handle}-${++seq}@example.org`,
              displayName: handle.charAt(0).toUpperCase() + handle.slice(1),
              passwordHash: "not-a-real-hash",
              settings: { ...defaultSettings(), ...settings },
            },
            new Date(time),
          ),
        ),
      ),
    close: () => runtime.dispose(),
  }
}
export type Harness = Awaited<ReturnType<typeof makeHarness>>

/** A fresh SQLite file in a temp directory. */
export const tempSqlite = () => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-sqlite-"))
  return {
    config: { kind: "sqlite", filename: join(dir, "kontakt.db") } as const satisfies DatabaseConfig,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
