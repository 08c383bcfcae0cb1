/**
 * WAL checkpoints off the request path. SQLite in WAL mode copies the log
 * back into the database file every 1,000 pages, inside whichever commit
 * crosses the mark — one request in a few dozen paid tens of milliseconds for
 * it. Instead, the main connection never checkpoints by itself, and a worker
 * thread with its own connection runs passive checkpoints (which never block
 * the writer) a few times a second.
 */
import { createRequire } from "node:module"
import { Worker } from "node:worker_threads"
import { Effect } from "effect"

// Plain CommonJS, evaluated in the worker: no build step, works from sources and from dist alike.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads")
const Database = require(workerData.driver)
const db = new Database(workerData.filename)
db.pragma("busy_timeout = 1000")
const checkpoint = () => {
  try { db.pragma("wal_checkpoint(PASSIVE)") } catch { /* busy: next time */ }
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
 * checkpoint) when the scope closes.
 */
export const backgroundCheckpoints = (filename: string, everyMs = 200) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const driver = createRequire(import.meta.url).resolve("better-sqlite3")
      const worker = new Worker(WORKER, { eval: true, workerData: { filename, driver, everyMs } })
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
