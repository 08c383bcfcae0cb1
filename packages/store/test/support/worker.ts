/**
 * A separate process acting on a SQLite file, for race and crash tests.
 *
 *   tsx worker.ts <db-file> <barrier-file|-> <op> <json-args>
 *
 * It waits until the barrier file exists (so that all workers start their
 * writes together), runs the operation and prints one JSON line per result.
 */
import { existsSync } from "node:fs"
import { Effect, Either, Layer, ManagedRuntime } from "effect"
import { databaseLayer } from "../../src/Database.js"
import { RequestService, storeServices } from "../../src/index.js"

const [file, barrier, op, rawArgs] = process.argv.slice(2)
if (file === undefined || barrier === undefined || op === undefined)
  throw new Error("usage: worker <db> <barrier> <op> <args>")
const args = JSON.parse(rawArgs ?? "{}") as Record<string, unknown>

const runtime = ManagedRuntime.make(
  storeServices.pipe(
    Layer.provideMerge(databaseLayer({ kind: "sqlite", filename: file }, { checkpoints: false })),
  ),
)
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`)
const outcome = <A>(e: Either.Either<A, { readonly _tag: string }>) =>
  Either.isLeft(e) ? e.left._tag : "ok"

const waitForBarrier = async () => {
  while (barrier !== "-" && !existsSync(barrier)) await new Promise((r) => setTimeout(r, 2))
}

const main = async () => {
  await runtime.runtime() // open the database before the start signal
  print({ ready: true })
  await waitForBarrier()
  switch (op) {
    case "send": {
      const { from, to } = args as { from: string; to: string[] }
      for (const handle of to) {
        const result = await runtime.runPromise(
          Effect.either(
            Effect.flatMap(RequestService, (s) =>
              s.send(from, handle, { message: null, foundVia: null }),
            ),
          ),
        )
        print({
          to: handle,
          outcome: outcome(result),
          kind: Either.isRight(result) ? result.right._tag : null,
        })
      }
      break
    }
    case "accept": {
      const { actor, requestId } = args as { actor: string; requestId: string }
      const result = await runtime.runPromise(
        Effect.either(Effect.flatMap(RequestService, (s) => s.accept(actor, requestId, {}))),
      )
      print({ outcome: outcome(result) })
      break
    }
    case "stream": {
      // Acknowledged writes, forever: send a request, then accept it; print each id once committed.
      const { pairs } = args as { pairs: [string, string, string][] }
      for (const [from, to, toHandle] of pairs) {
        const sent = await runtime.runPromise(
          Effect.flatMap(RequestService, (s) =>
            s.send(from, toHandle, { message: null, foundVia: null }),
          ),
        )
        if (sent._tag !== "Sent") continue
        print({ ack: "sent", id: sent.request.id })
        await runtime.runPromise(
          Effect.flatMap(RequestService, (s) => s.accept(to, sent.request.id, {})),
        )
        print({ ack: "accepted", id: sent.request.id })
      }
      break
    }
    default:
      throw new Error(`unknown op ${op}`)
  }
  await runtime.dispose()
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`)
  process.exit(1)
})
