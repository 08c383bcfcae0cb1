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
 * beginning only when no reader still uses it; under steady writes and reads
 * that moment never comes, and the log grew without end (3 GB in 10 s of
 * posting). So when the log's file passes `limitBytes`, the thread runs a
 * TRUNCATE checkpoint: it waits (busy timeout) for the readers of the log to
 * move on, holds writers back for the few frames still to copy, and cuts the
 * file to zero. `journal_size_limit` on every connection cuts it back after
 * an ordinary restart too.
 */
import { createRequire } from "node:module"
import { Worker } from "node:worker_threads"
import { Effect } from "effect"

// Plain CommonJS, evaluated in the worker: no build step, works from sources and from dist alike.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads")
const { statSync } = require("node:fs")
const Database = require(workerData.driver)
const db = new Database(workerData.filename)
db.pragma("busy_timeout = 2000")
const walSize = () => { try { return statSync(workerData.filename + "-wal").size } catch { return 0 } }
const checkpoint = () => {
  try {
    db.pragma(walSize() > workerData.limitBytes ? "wal_checkpoint(TRUNCATE)" : "wal_checkpoint(PASSIVE)")
  } catch { /* busy: next time */ }
}
const timer = setInterval(checkpoint, workerData.everyMs)
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
    Effect.sync(() => {
      const driver = createRequire(import.meta.url).resolve("better-sqlite3")
      const worker = new Worker(WORKER, {
        eval: true,
        workerData: {
          filename,
          driver,
          everyMs: options.everyMs ?? 200,
          limitBytes: options.limitBytes ?? 64 * 1024 * 1024,
        },
      })
      worker.unref()
      return worker
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
