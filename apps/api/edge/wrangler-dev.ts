/**
 * `wrangler dev` as `pnpm dev:edge` runs it, on wrangler.toml, for the checks
 * of that command: on 127.0.0.1 on a free port, with a fresh local D1 and the
 * stand-in web app in a temp directory; stopped afterwards. The other edge
 * tests serve the worker with Miniflare directly (local-worker.ts says why).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { freePort } from "../load/server-process.js"
import type { RunningWorker } from "./local-worker.js"
import { writeStandInWebApp } from "./stand-in-web.js"

const api = join(dirname(fileURLToPath(import.meta.url)), "..")
const wrangler = join(api, "node_modules", "wrangler", "bin", "wrangler.js")

export interface RunningWranglerDev extends RunningWorker {
  /** Everything wrangler and the worker wrote so far. */
  readonly log: () => string
}

/** Starts `wrangler dev` with `vars`, logging at `logLevel` (wrangler's levels; default "warn"). */
export const startWranglerDev = async (
  vars: Record<string, string>,
  options: { readonly logLevel?: string } = {},
): Promise<RunningWranglerDev> => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-dev-edge-"))
  const logFile = join(dir, "wrangler.log")
  const log = () => readFileSync(logFile, "utf8")
  const tail = () => log().slice(-20_000)
  let child: ChildProcess | undefined
  const stop = async () => {
    const running = child
    if (running !== undefined && running.exitCode === null && running.signalCode === null)
      await new Promise<void>((resolve) => {
        running.once("exit", () => resolve())
        running.kill("SIGTERM")
      })
    rmSync(dir, { recursive: true, force: true })
  }
  const launch = (port: number, assets: string) => {
    const fd = openSync(logFile, "a")
    const started = spawn(
      process.execPath,
      [
        wrangler,
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
        options.logLevel ?? "warn",
        "--show-interactive-dev-session=false",
        ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
      ],
      {
        cwd: api,
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
        stdio: ["ignore", fd, fd],
      },
    )
    closeSync(fd)
    return started
  }
  const answers = (at: string) =>
    fetch(`${at}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
  try {
    const assets = join(dir, "assets")
    execFileSync(process.execPath, [
      join(api, "scripts", "edge-assets.mjs"),
      writeStandInWebApp(dir),
      assets,
    ])
    // A free port can be taken by another suite before wrangler binds it; then
    // wrangler exits saying so, and it starts again on another (three tries).
    for (let attempt = 1; ; attempt++) {
      const url = `http://127.0.0.1:${await freePort()}`
      child = launch(Number(new URL(url).port), assets)
      const deadline = Date.now() + 90_000
      while (child.exitCode === null && !(await answers(url))) {
        if (Date.now() > deadline)
          throw new Error(`wrangler dev did not answer within 90 s:\n${tail()}`)
        await new Promise((r) => setTimeout(r, 200))
      }
      if (child.exitCode === null) return { url, output: tail, log, stop }
      if (attempt >= 3 || !log().includes("Address already in use"))
        throw new Error(`wrangler dev exited:\n${tail()}`)
    }
  } catch (error) {
    await stop()
    throw error
  }
}
