/**
 * The worker in workerd, locally: `wrangler dev` on 127.0.0.1 on a free
 * port, with a fresh local D1 in a temp directory, stopped afterwards.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { freePort } from "../load/server-process.js"
import { writeStandInWebApp } from "./stand-in-web.js"

const api = join(dirname(fileURLToPath(import.meta.url)), "..")

export interface RunningWorker {
  readonly url: string
  /** The last 20,000 characters wrangler and the worker wrote (for a failure's report). */
  readonly output: () => string
  readonly stop: () => Promise<void>
}

/**
 * Starts the worker with `vars`, serving the built web app in `webDist`
 * (default: the stand-in).
 */
export const startWorker = async (
  vars: Record<string, string>,
  options: { readonly webDist?: string } = {},
): Promise<RunningWorker> => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-edge-"))
  // Static assets as `pnpm dev:edge` prepares them.
  const web = options.webDist ?? writeStandInWebApp(dir)
  const assets = join(dir, "assets")
  execFileSync(process.execPath, [join(api, "scripts", "edge-assets.mjs"), web, assets])
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  // What wrangler and the worker write goes to a file in the temp directory,
  // read back for a failure's report.
  const logFile = join(dir, "wrangler.log")
  const logFd = openSync(logFile, "a")
  const log = () => readFileSync(logFile, "utf8").slice(-20_000)
  const args = [
    join(api, "node_modules", "wrangler", "bin", "wrangler.js"),
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--persist-to",
    join(dir, "state"),
    "--assets",
    assets,
    "--log-level",
    // "info" logs every request (for chasing a failure); "warn" keeps runs quiet.
    process.env["KONTAKT_WRANGLER_LOG_LEVEL"] ?? "warn",
    "--show-interactive-dev-session=false",
    ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
  ]
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: api,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
    stdio: ["ignore", logFd, logFd],
  })
  closeSync(logFd)
  const deadline = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${log()}`)
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (up) break
    if (Date.now() > deadline) {
      child.kill("SIGKILL")
      throw new Error(`the worker did not answer /healthz within 90 s:\n${log()}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    url,
    output: log,
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once("exit", () => resolve())
        child.kill("SIGTERM")
      })
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
