/**
 * Starts the real server for the end-to-end suite: the built API and web app
 * on 127.0.0.1 on a free port, on a fresh SQLite file in a temp directory,
 * with contacts due for review at once (KONTAKT_POLICY) so that the review
 * can be driven without waiting 90 days; and the same app at the edge
 * (wrangler dev: the worker in workerd, a local D1) for the "edge" project.
 * Both stopped after the suite.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { startWorker } from "../../api/edge/wrangler-dev.js"

const here = dirname(fileURLToPath(import.meta.url))

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

const waitForHealth = async (url: string, server: ChildProcess, log: () => string) => {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited:\n${log()}`)
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`the server did not answer /healthz within 30 s:\n${log()}`)
}

export default async function globalSetup() {
  const policy = JSON.stringify({ firstReviewAfterDays: 0 })
  const dir = mkdtempSync(join(tmpdir(), "kontakt-e2e-"))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let output = ""
  const server = spawn(process.execPath, [join(here, "../../api/dist/node.js")], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dir, "e2e.db")}`,
      WEB_ROOT: join(here, "../dist"),
      KONTAKT_POLICY: policy,
    },
    stdio: ["ignore", "pipe", "pipe"],
  })
  server.stdout?.on("data", (d: Buffer) => {
    output += d.toString()
  })
  server.stderr?.on("data", (d: Buffer) => {
    output += d.toString()
  })
  // The same built app at the edge: the worker in workerd with a local D1, production's
  // password hashing, the same policy.
  const [worker] = await Promise.all([
    startWorker({ KONTAKT_POLICY: policy }, { webDist: join(here, "../dist") }),
    waitForHealth(url, server, () => output),
  ])
  process.env["KONTAKT_E2E_URL"] = url
  process.env["KONTAKT_E2E_EDGE_URL"] = worker.url
  return async () => {
    await Promise.all([
      worker.stop(),
      new Promise<void>((resolve) => {
        server.once("exit", () => resolve())
        server.kill("SIGTERM")
      }),
    ])
    rmSync(dir, { recursive: true, force: true })
  }
}
