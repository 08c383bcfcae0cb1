/**
 * What both ways of running the worker locally share (local-worker.ts,
 * wrangler-dev.ts): a temp directory with the static assets, a Node child
 * whose output goes to a log file there, and a stop that ends the child and
 * removes the directory.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { writeStandInWebApp } from "./stand-in-web.js"

/** The API package's folder, where wrangler.toml is. */
export const api = join(dirname(fileURLToPath(import.meta.url)), "..")
export const wrangler = join(api, "node_modules", "wrangler", "bin", "wrangler.js")
/** wrangler's environment here: no metrics sent, no prompts. */
export const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" }

export interface RunningWorker {
  readonly url: string
  /** The last 20,000 characters the worker's host wrote (for a failure's report). */
  readonly output: () => string
  readonly stop: () => Promise<void>
  /** Runs the worker's cron handler once; resolves with its outcome ("ok" when it succeeded). */
  readonly scheduled?: () => Promise<string>
}

/** A temp directory for one local worker, and its log file. */
export const workerDir = (prefix: string, logName: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const logFile = join(dir, logName)
  const log = () => readFileSync(logFile, "utf8")
  return { dir, logFile, log, tail: () => log().slice(-20_000) }
}

/** Static assets in `dir`/assets as `pnpm dev:edge` prepares them, from `webDist` (default: the stand-in). */
export const prepareAssets = (dir: string, webDist?: string) => {
  const assets = join(dir, "assets")
  execFileSync(process.execPath, [
    join(api, "scripts", "edge-assets.mjs"),
    webDist ?? writeStandInWebApp(dir),
    assets,
  ])
  return assets
}

/** `node <args>` in the API's folder, its output appended to `logFile`. */
export const spawnLogged = (
  args: readonly string[],
  logFile: string,
  env: NodeJS.ProcessEnv = process.env,
): ChildProcess => {
  const fd = openSync(logFile, "a")
  const child = spawn(process.execPath, args, { cwd: api, env, stdio: ["ignore", fd, fd] })
  closeSync(fd)
  return child
}

/** Ends `child` (SIGTERM, waiting for it to exit) if it runs, then removes `dir`. */
export const stopAndRemove = async (child: ChildProcess | undefined, dir: string) => {
  if (child !== undefined && child.exitCode === null && child.signalCode === null)
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve())
      child.kill("SIGTERM")
    })
  rmSync(dir, { recursive: true, force: true })
}
