/**
 * Starts the real server for the end-to-end suite: the built API and web app
 * on 127.0.0.1 on a free port, on a fresh SQLite file in a temp directory,
 * with contacts due for review at once (KONTAKT_POLICY) so that the review
 * can be driven without waiting 90 days, and room for the suite's sign-ups
 * from one address (SIGNUPS_PER_HOUR); and the same app at the edge
 * (the worker in workerd through Miniflare, a local D1) for the "edge" project.
 * Both stopped after the suite.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { startWorker } from "../../api/edge/local-worker.js"
import { startServerProcess } from "../../api/load/server-process.js"

const here = dirname(fileURLToPath(import.meta.url))

export default async function globalSetup() {
  const policy = JSON.stringify({ firstReviewAfterDays: 0 })
  const dir = mkdtempSync(join(tmpdir(), "kontakt-e2e-"))
  const webDist = join(here, "../dist")
  // The built app on Node, and the same at the edge: the worker in workerd with a
  // local D1, production's password hashing, the same policy.
  const [server, worker] = await Promise.all([
    startServerProcess({
      DATABASE_URL: `file:${join(dir, "e2e.db")}`,
      WEB_ROOT: webDist,
      KONTAKT_POLICY: policy,
      SIGNUPS_PER_HOUR: "1000",
    }),
    startWorker({ KONTAKT_POLICY: policy, SIGNUPS_PER_HOUR: "1000" }, { webDist }),
  ])
  process.env["KONTAKT_E2E_URL"] = server.url
  process.env["KONTAKT_E2E_EDGE_URL"] = worker.url
  return async () => {
    // What the worker said, to read when an edge test failed.
    mkdirSync(join(here, "../test-results"), { recursive: true })
    writeFileSync(join(here, "../test-results/edge-worker.log"), worker.output())
    await Promise.all([worker.stop(), server.stop()])
    rmSync(dir, { recursive: true, force: true })
  }
}
