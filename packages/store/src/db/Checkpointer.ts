/**
 * WAL checkpoints off the request path, and a WAL whose size stays bounded.
 *
 * SQLite in WAL mode copies the log back into the database file every 1,000
 * pages, inside whichever commit crosses the mark — one request in a few
 * dozen paid tens of milliseconds for it. Instead, the connections that serve
 * requests never checkpoint by themselves, and a worker thread with its own
 * connection runs passive checkpoints (which never block a writer) a few
 * times a second.
 *
 * A passive checkpoint can copy every frame, but the log starts over from its
 * beginning only if a write begins while every frame is copied; under steady
 * writes, new frames arrive while the checkpoint copies, that moment never
 * comes, and the log grew without end (3 GB in 10 s of posting). So when the
 * log's file passes `limitBytes`, the thread runs a RESTART checkpoint: it
 * takes the write lock (waiting, busy timeout), copies the few frames still
 * left, waits for the readers of the log to move on, and lets the next write
 * start the log from its beginning — which, with `journal_size_limit`, also
 * cuts the file back to the limit. (TRUNCATE, which cuts the file to zero
 * itself, held writers back 117–145 ms here against RESTART's 40–60 ms: the
 * time goes into truncating and syncing a 70 MB file.)
 */
import { createRequire } from "node:module"
import { Worker } from "node:worker_threads"
import { Effect } from "effect"
import { SqlError } from "./Db.js"
import { walGate } from "./WalGate.js"

// Plain CommonJS, evaluated in the worker: no build step, works from sources and from dist alike.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads")
const { statSync } = require("node:fs")
const Database = require(workerData.driver)
const db = new Database(workerData.filename)
db.pragma("busy_timeout = 2000")
if (Number.isFinite(workerData.limitBytes)) db.pragma("journal_size_limit = " + workerData.limitBytes)
const walSize = () => { try { return statSync(workerData.filename + "-wal").size } catch { return 0 } }
const gate = new Int32Array(workerData.gate)
const checkpoint = () => {
  if (walSize() <= workerData.limitBytes) {
    try { db.pragma("wal_checkpoint(PASSIVE)") } catch { /* busy: next time */ }
    return
  }
  // This process's writers hold back while the flag is up (WalGate.ts).
  Atomics.store(gate, 0, 1)
  try { db.pragma("wal_checkpoint(RESTART)") } catch { /* busy: next time */ }
  finally { Atomics.store(gate, 0, 0) }
}
const timer = setInterval(checkpoint, workerData.everyMs)
parentPort.postMessage("running")
parentPort.on("message", () => {
  clearInterval(timer)
  checkpoint()
  db.close()
  parentPort.postMessage("closed")
})
`

/**
 * Starts the checkpointer for a database file; stopped (after a last
 * checkpoint) when the scope closes. One per database file is enough: with
 * several processes on one file, one of them runs it.
 */
export const backgroundCheckpoints = (
  filename: string,
  options: { readonly everyMs?: number; readonly limitBytes?: number } = {},
) =>
  Effect.acquireRelease(
    // Started when its connection is open and its timer set (or failed to start: the error).
    Effect.async<Worker, SqlError>((resume) => {
      const driver = createRequire(import.meta.url).resolve("better-sqlite3")
      const worker = new Worker(WORKER, {
        eval: true,
        workerData: {
          filename,
          driver,
          everyMs: options.everyMs ?? 200,
          limitBytes: options.limitBytes ?? 64 * 1024 * 1024,
          gate: walGate(filename).buffer,
        },
      })
      worker.unref()
      const failed = (cause: unknown) =>
        resume(Effect.fail(new SqlError({ message: "the checkpointer did not start", cause })))
      worker.once("error", failed)
      worker.once("message", () => {
        worker.off("error", failed)
        resume(Effect.succeed(worker))
      })
    }),
    (worker) =>
      Effect.promise(
        () =>
          new Promise<void>((resolve) => {
            worker.once("message", () => void worker.terminate().then(() => resolve()))
            worker.once("error", () => resolve())
            worker.postMessage("stop")
          }),
      ),
  )
