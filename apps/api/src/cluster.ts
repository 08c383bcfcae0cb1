/**
 * Several server processes on one port (node:cluster): the primary migrates
 * the database once, runs SQLite's background checkpoints (one per file is
 * enough), forks the workers and hands them connections; each worker is a
 * whole server with its own read model, kept current from the outbox like
 * any other process's. SIGTERM or SIGINT stops the workers gracefully (each
 * finishes its requests in flight), then the primary. A worker that dies is
 * started again.
 */
import cluster, { type Worker } from "node:cluster"
import { migrate } from "@kontakt/store"
import { databaseLayer, parseDatabaseUrl } from "@kontakt/store/node"
import { Layer, ManagedRuntime } from "effect"
import { exitWhen } from "./exit.js"

export const runPrimary = async (options: {
  readonly workers: number
  readonly databaseUrl: string | undefined
  readonly host: string
  readonly info: (msg: string, extra?: Record<string, unknown>) => void
}) => {
  const runtime = ManagedRuntime.make(
    Layer.orDie(databaseLayer(parseDatabaseUrl(options.databaseUrl), { maxConnections: 1 })),
  )
  await runtime.runPromise(migrate)
  let stopping = false
  let announced = false
  const fork = (): Worker => {
    const worker = cluster.fork()
    worker.on("listening", (address) => {
      if (announced) return
      announced = true
      const url = `http://${options.host}:${address.port}`
      options.info(`kontakt listening on ${url}`, { docs: `${url}/docs`, workers: options.workers })
    })
    worker.on("exit", (code, signal) => {
      if (stopping) return
      options.info(`a worker stopped (${signal ?? code}); starting another`)
      fork()
    })
    return worker
  }
  for (let i = 0; i < options.workers; i++) fork()
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    options.info(`${signal}: finishing in-flight requests`)
    const running = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined)
    exitWhen(
      Promise.all(
        running.map(
          (w) =>
            new Promise<void>((resolve) => {
              if (w.isDead()) return resolve()
              w.once("exit", () => resolve())
              w.process.kill("SIGTERM")
            }),
        ),
      ).then(() => runtime.dispose()),
    )
  }
  process.on("SIGTERM", () => shutdown("SIGTERM"))
  process.on("SIGINT", () => shutdown("SIGINT"))
}
