/**
 * pnpm test:soak — the mix for 10 minutes with the server killed (SIGKILL)
 * and restarted every 2 minutes; then every acknowledged write must be in the
 * database and every invariant must hold. A table, then one JSON line.
 *
 * With --postgres: two server processes on one PostgreSQL database, killed in turn.
 *
 *   pnpm test:soak
 *   pnpm test:soak -- --postgres
 *   pnpm --filter @kontakt/api test:soak -- --minutes 3 --kill-every 30
 */
import { numberArg as arg } from "./args.js"
import { soak } from "./soak-run.js"

const report = await soak({
  seconds: arg("minutes", 10) * 60,
  killEverySeconds: arg("kill-every", 120),
  clients: arg("clients", 8),
  members: arg("members", 5_000),
  postgres: process.argv.includes("--postgres"),
  log: (line) => console.log(line),
})
const missing = Object.values(report.missing).reduce((n, xs) => n + xs.length, 0)
const on = process.argv.includes("--postgres") ? "PostgreSQL, two processes" : "SQLite"
console.log(`
soak (${on}): ${report.seconds} s, ${report.kills} kills, ${report.requests} answered requests, ${report.retries} retried after a crash
acknowledged: ${report.acknowledged.posts} posts, ${report.acknowledged.requests} requests, ${report.acknowledged.accepted} accepts, ${report.acknowledged.likes} likes
missing after the crashes: ${missing}; 5xx: ${report.serverErrors}; invariants: ${report.violations.length === 0 ? "hold" : JSON.stringify(report.violations)}`)
console.log(
  JSON.stringify({
    bench: "soak",
    database: process.argv.includes("--postgres") ? "pg-2-processes" : "sqlite",
    seconds: report.seconds,
    kills: report.kills,
    requests: report.requests,
    retries: report.retries,
    acknowledged: report.acknowledged,
    missing,
    serverErrors: report.serverErrors,
    invariantsHold: report.violations.length === 0,
  }),
)
process.exit(missing === 0 && report.serverErrors === 0 && report.violations.length === 0 ? 0 : 1)
