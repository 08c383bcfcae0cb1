/**
 * The Node entry: `node dist/node.js` (or `pnpm start` at the root).
 *
 * PORT (3000), HOST (127.0.0.1; 0.0.0.0 to listen on every interface),
 * DATABASE_URL (see the README), WEB_ROOT (the built web app; default
 * apps/web/dist) and KONTAKT_POLICY (changed limits, see policy-config.ts)
 * configure it; WORKERS is how many server processes share the port (default:
 * the machine's cores on PostgreSQL, one on SQLite; see cluster.ts and
 * docs/performance.md); TRUST_PROXY names the reverse proxies whose
 * X-Forwarded-For tells the client's address (addresses or `loopback`;
 * default none), HASH_CONCURRENCY how many password hashes run at once
 * (default: one less than the cores), SIGNUPS_PER_HOUR how many accounts one
 * address may make in an hour (default 20; see docs/api.md);
 * HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS and MAX_CONNECTIONS how long a client
 * may take to send headers and a whole request and how many connections are
 * kept (10 s, 60 s, 2,048); KONTAKT_STATEMENT_COUNTS=1 adds the
 * database work of each request to its answer (`X-Kontakt-Statements`, for
 * benchmarks).
 */
import cluster from "node:cluster"
import { availableParallelism } from "node:os"
import { parseDatabaseUrl } from "@kontakt/store/node"
import { runPrimary } from "./cluster.js"
import { exitWhen } from "./exit.js"
import { policyFromEnv } from "./policy-config.js"
import { startServer } from "./server.js"

const info = (msg: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(
    `${JSON.stringify({ at: new Date().toISOString(), level: "info", msg, ...extra })}\n`,
  )

// SQLite's processes would share one writer, and each discards its page cache whenever another
// commits: with writes in the mix, a second process bought nothing (docs/performance.md).
const workers = Number(
  process.env["WORKERS"] ??
    (parseDatabaseUrl(process.env["DATABASE_URL"]).kind === "pg" ? availableParallelism() : 1),
)
/** A setting that must be a whole number ≥ 1 if it is given. */
const positiveInteger = (name: string): number | undefined => {
  const value = process.env[name]
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a whole number ≥ 1, not "${value}"`)
  return n
}
/** A setting that must be a number > 0 if it is given (days may be fractions). */
const positiveNumber = (name: string): number | undefined => {
  const value = process.env[name]
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a number > 0, not "${value}"`)
  return n
}
const port = Number(process.env["PORT"] ?? 3000)
const host = process.env["HOST"] ?? "127.0.0.1"

if (cluster.isPrimary && workers > 1) {
  await runPrimary({ workers, databaseUrl: process.env["DATABASE_URL"], host, info })
} else {
  const webRoot = process.env["WEB_ROOT"]
  const server = await startServer({
    databaseUrl: process.env["DATABASE_URL"],
    port,
    host,
    policy: policyFromEnv(process.env["KONTAKT_POLICY"]),
    countStatements: process.env["KONTAKT_STATEMENT_COUNTS"] === "1",
    trustProxy: process.env["TRUST_PROXY"],
    signupsPerHour: positiveInteger("SIGNUPS_PER_HOUR"),
    limits: {
      headersTimeoutMs: positiveInteger("HEADERS_TIMEOUT_MS"),
      requestTimeoutMs: positiveInteger("REQUEST_TIMEOUT_MS"),
      maxConnections: positiveInteger("MAX_CONNECTIONS"),
    },
    hashConcurrency: positiveInteger("HASH_CONCURRENCY"),
    outbox: {
      keepDays: positiveNumber("OUTBOX_KEEP_DAYS"),
      feedDays: positiveNumber("FEED_DAYS"),
      pruneEveryMs: positiveInteger("OUTBOX_PRUNE_EVERY_MS"),
    },
    // In a cluster the primary migrated the database and runs SQLite's checkpoints.
    migrate: cluster.isPrimary,
    checkpoints: cluster.isPrimary,
    ...(webRoot === undefined ? {} : { webRoot }),
  })
  if (cluster.isPrimary) info(`kontakt listening on ${server.url}`, { docs: `${server.url}/docs` })

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    if (cluster.isPrimary) info(`${signal}: finishing in-flight requests`)
    exitWhen(server.stop())
  }
  process.on("SIGTERM", () => shutdown("SIGTERM"))
  process.on("SIGINT", () => shutdown("SIGINT"))
  // A worker whose primary is gone (killed) goes too: nobody hands it connections any more.
  if (cluster.isWorker) process.on("disconnect", () => shutdown("disconnect"))
}
