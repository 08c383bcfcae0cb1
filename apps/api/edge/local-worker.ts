/**
 * The worker in workerd, locally, for tests: bundled as `wrangler deploy`
 * bundles it, then served by Miniflare (edge/serve-workerd.mjs) as
 * wrangler.toml describes it, on 127.0.0.1 on a port the system picks, with a
 * fresh local D1 in a temp directory; stopped afterwards.
 *
 * Not `wrangler dev`: its dev proxy adds a hop to the worker that sometimes
 * fails; unpatched it held such a GET until the next request arrived, and
 * patched it still answers such a POST with a 503 (docs/edge.md, "Why the
 * tests do not run wrangler dev"). `pnpm dev:edge` still uses wrangler dev
 * (edge/dev-edge.test.ts and edge/dev-proxy.test.ts check it).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { writeStandInWebApp } from "./stand-in-web.js"

const api = join(dirname(fileURLToPath(import.meta.url)), "..")
const wrangler = join(api, "node_modules", "wrangler", "bin", "wrangler.js")

export interface RunningWorker {
  readonly url: string
  /** The last 20,000 characters Miniflare and the worker wrote (for a failure's report). */
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
  const assets = join(dir, "assets")
  const bundle = join(dir, "bundle")
  try {
    // Static assets as `pnpm dev:edge` prepares them.
    const web = options.webDist ?? writeStandInWebApp(dir)
    execFileSync(process.execPath, [join(api, "scripts", "edge-assets.mjs"), web, assets])
    // The bundle `wrangler deploy` would upload (the same build, the same config).
    execFileSync(
      process.execPath,
      [wrangler, "deploy", "--dry-run", "--outdir", bundle, "--assets", assets],
      {
        cwd: api,
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
        stdio: "pipe",
      },
    )
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  // What Miniflare and the worker write goes to a file in the temp directory,
  // read back for a failure's report.
  const logFile = join(dir, "worker.log")
  const log = () => readFileSync(logFile, "utf8").slice(-20_000)
  const logFd = openSync(logFile, "a")
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(api, "edge", "serve-workerd.mjs"),
      join(bundle, "worker.js"),
      assets,
      join(dir, "state"),
      ...Object.entries(vars).map(([k, v]) => `${k}=${v}`),
    ],
    { cwd: api, stdio: ["ignore", logFd, logFd] },
  )
  closeSync(logFd)
  const stop = async () => {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once("exit", () => resolve())
      child.kill("SIGTERM")
    })
    rmSync(dir, { recursive: true, force: true })
  }
  // The server prints its address once workerd is up.
  const deadline = Date.now() + 90_000
  let url: string | undefined
  while (url === undefined) {
    url = /^listening (http:\/\/\S+)$/m.exec(readFileSync(logFile, "utf8"))?.[1]
    if (url !== undefined) break
    if (child.exitCode !== null || Date.now() > deadline) {
      const report = `the worker did not start:\n${log()}`
      await stop()
      throw new Error(report)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { url, output: log, stop }
}
