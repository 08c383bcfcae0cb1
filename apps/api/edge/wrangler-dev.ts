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
  // What wrangler and the worker write goes to a file in the temp directory,
  // read back for a failure's report.
  const logFile = join(dir, "wrangler.log")
  const log = () => readFileSync(logFile, "utf8").slice(-20_000)
  const launch = (port: number): ChildProcess => {
    const logFd = openSync(logFile, "a")
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
    const child = spawn(process.execPath, args, {
      cwd: api,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
      stdio: ["ignore", logFd, logFd],
    })
    closeSync(logFd)
    return child
  }
  // A free port can be taken by another suite before wrangler binds it: then
  // wrangler exits saying so, and it starts again on another port (three tries).
  let child: ChildProcess
  let url: string
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    url = `http://127.0.0.1:${port}`
    child = launch(port)
    const deadline = Date.now() + 90_000
    let up = false
    while (!up && child.exitCode === null) {
      up = await fetch(`${url}/healthz`).then(
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
    if (up) break
    if (attempt >= 3 || !log().includes("Address already in use"))
      throw new Error(`wrangler dev exited:\n${log()}`)
  }
  const running = child
  return {
    url,
    output: log,
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (running.exitCode !== null) return resolve()
        running.once("exit", () => resolve())
        running.kill("SIGTERM")
      })
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
