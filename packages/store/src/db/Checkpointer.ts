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
 * comes, and the log grew without end (3 GB in 10 s of posting). So once the
 * log holds half of `limitBytes`, the thread makes that moment: it copies
 * while writers go on (pass after pass while each still takes over 5 ms, each
 * having only what was written during the one before, and only while the
 * log is under the limit), then holds this process's writers back
 * (WalGate.ts), waits for a transaction already under way to commit (by
 * taking the write lock and leaving it at once), and copies the last frames
 * — and the next write finds every frame copied and starts the log over.
 * Starting at half the limit keeps the file under the limit, so no commit
 * pays for cutting it back (`journal_size_limit`: 10–40 ms each time it did).
 *
 * Should the log still reach the limit (another process wrote or read in the
 * log at that moment, so it could not start over), the thread runs a RESTART
 * checkpoint under the same hold, which waits for the log's readers to move
 * on. When that was the only way, writers were held back 40–130 ms each time
 * (TRUNCATE, which also cuts and syncs the file: 117–145 ms); the last pass
 * holds them 0.1–6 ms in the benchmark's mix and 30–50 ms under accepts back
 * to back, most of it the database file's sync.
 */
import { createRequire } from "node:module"
import { Worker } from "node:worker_threads"
import { Effect } from "effect"
import { SqlError } from "./Db.js"
import { WAL_SIZE_LIMIT } from "./Sqlite.js"
import { walGate } from "./WalGate.js"

// Plain CommonJS, evaluated in the worker: no build step, works from sources and from dist alike.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads")
const Database = require(workerData.driver)
const db = new Database(workerData.filename)
db.pragma("busy_timeout = 2000")
if (Number.isFinite(workerData.limitBytes)) db.pragma("journal_size_limit = " + workerData.limitBytes)
const frameBytes = db.pragma("page_size", { simple: true }) + 24
const startOverAt = Math.floor(workerData.limitBytes / 2 / frameBytes)
const limitFrames = Math.floor(workerData.limitBytes / frameBytes)
const gate = new Int32Array(workerData.gate)
// The frames in the log, or -1 when the checkpoint could not run (busy: next time).
const passive = () => { try { return db.pragma("wal_checkpoint(PASSIVE)")[0].log } catch { return -1 } }
const checkpoint = () => {
  let frames = passive()
  if (frames < startOverAt) return
  // Copy while writers go on, as long as the log stays under the limit.
  for (let pass = 0; pass < 6 && frames < limitFrames; pass++) {
    const started = performance.now()
    frames = passive()
    if (performance.now() - started < 5) break
  }
  Atomics.store(gate, 0, 1)
  try {
    db.exec("BEGIN IMMEDIATE")
    db.exec("ROLLBACK")
    if (frames < limitFrames) passive()
    else db.pragma("wal_checkpoint(RESTART)")
  } catch { /* busy: next time */ }
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
          limitBytes: options.limitBytes ?? WAL_SIZE_LIMIT,
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
