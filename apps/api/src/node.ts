/**
 * The Node entry: `node dist/node.js` (or `pnpm start` at the root).
 *
 * PORT (3000), HOST (127.0.0.1; 0.0.0.0 to listen on every interface),
 * DATABASE_URL (see the README), WEB_ROOT (the built web app; default
 * apps/web/dist) and KONTAKT_POLICY (changed limits, see policy-config.ts)
 * configure it; KONTAKT_STATEMENT_COUNTS=1 adds the database work of each
 * request to its answer (`X-Kontakt-Statements`, for benchmarks).
 */
import { policyFromEnv } from "./policy-config.js"
import { startServer } from "./server.js"

const port = Number(process.env["PORT"] ?? 3000)
const host = process.env["HOST"] ?? "127.0.0.1"
const webRoot = process.env["WEB_ROOT"]
const server = await startServer({
  databaseUrl: process.env["DATABASE_URL"],
  port,
  host,
  policy: policyFromEnv(process.env["KONTAKT_POLICY"]),
  countStatements: process.env["KONTAKT_STATEMENT_COUNTS"] === "1",
  ...(webRoot === undefined ? {} : { webRoot }),
})
process.stdout.write(
  `${JSON.stringify({ at: new Date().toISOString(), level: "info", msg: `kontakt listening on ${server.url}`, docs: `${server.url}/docs` })}\n`,
)

let stopping = false
const shutdown = (signal: string) => {
  if (stopping) return
  stopping = true
  process.stdout.write(
    `${JSON.stringify({ at: new Date().toISOString(), level: "info", msg: `${signal}: finishing in-flight requests` })}\n`,
  )
  server.stop().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`${String(e)}\n`)
      process.exit(1)
    },
  )
}
process.on("SIGTERM", () => shutdown("SIGTERM"))
process.on("SIGINT", () => shutdown("SIGINT"))
