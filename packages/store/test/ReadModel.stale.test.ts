/**
 * A process that has not followed the outbox for half its retention loads
 * afresh instead of catching up: what was pruned meanwhile it reads from the
 * tables. Two processes (two runtimes on one SQLite file) saw the same state;
 * an event is recorded and pruned before either reads it; the one that counts
 * as stale has it, the one that catches up would not — which is why stale
 * processes reload.
 */
import { defaultSettings } from "@kontakt/domain"
import { Effect, Layer, ManagedRuntime } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import {
  ContactService,
  Members,
  migrate,
  OutboxRetention,
  ReadModel,
  ReadModelSettings,
  RequestService,
  storeServices,
} from "../src/index.js"
import { databaseLayer } from "../src/node.js"
import { tempSqlite } from "./support/harness.js"

const file = tempSqlite()
const processWith = (outboxKeepDays: number) =>
  ManagedRuntime.make(
    storeServices.pipe(
      Layer.provideMerge(databaseLayer(file.config)),
      Layer.provideMerge(
        Layer.succeed(ReadModelSettings, {
          feedDays: 180,
          perMemberEntries: 200,
          summaries: 1_000,
          outboxKeepDays,
        }),
      ),
    ),
  )
const writer = processWith(7)
// Half of a nanosecond-long retention: stale at its next look.
const stale = processWith(1e-15)
const following = processWith(7)
afterAll(async () => {
  for (const p of [writer, stale, following]) await p.dispose()
  file.remove()
})

describe("a stale read model", () => {
  it("loads afresh, so an event pruned before it looked is not missed", async () => {
    await writer.runPromise(migrate)
    const member = (handle: string) =>
      writer.runPromise(
        Effect.flatMap(Members, (m) =>
          m.create(
            {
              handle,
              email: `${handle}@example.org`,
              displayName: handle,
              passwordHash: "x",
              settings: defaultSettings(),
            },
            new Date(),
          ),
        ),
      )
    const [ada, bob] = [await member("ada"), await member("bob")]
    const sent = await writer.runPromise(
      Effect.flatMap(RequestService, (s) => s.send(ada, "bob", { message: null, foundVia: null })),
    )
    if (sent._tag !== "Sent") throw new Error(sent._tag)
    await writer.runPromise(
      Effect.flatMap(RequestService, (s) => s.accept(bob, sent.request.id, {})),
    )
    const mutedByBob = (p: typeof writer) =>
      p.runPromise(
        Effect.gen(function* () {
          const model = yield* ReadModel
          yield* model.sync
          return [...model.mutedBy(bob)]
        }),
      )
    expect(await mutedByBob(stale)).toEqual([])
    expect(await mutedByBob(following)).toEqual([])
    await writer.runPromise(
      Effect.flatMap(ContactService, (s) => s.update(bob, "ada", { muted: true })),
    )
    // Pruned, as a week from now, before either process looked.
    const pruned = await writer.runPromise(
      Effect.flatMap(OutboxRetention, (r) => r.prune(new Date(Date.now() + 8 * 86_400_000))),
    )
    expect(pruned).toBeGreaterThan(0)
    expect(await mutedByBob(stale)).toEqual([ada])
    // Catching up instead, the mute is lost: what the reload is for.
    expect(await mutedByBob(following)).toEqual([])
  })
})
