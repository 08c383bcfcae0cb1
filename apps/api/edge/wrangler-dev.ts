/**
 * `wrangler dev` as `pnpm dev:edge` runs it, on wrangler.toml, for the checks
 * of that command: on 127.0.0.1 on a free port, with a fresh local D1 and the
 * stand-in web app in a temp directory; stopped afterwards. The other edge
 * tests serve the worker with Miniflare directly (local-worker.ts says why).
 */
import type { ChildProcess } from "node:child_process"
import { join } from "node:path"
import { freePort } from "../load/server-process.js"
import {
  prepareAssets,
  type RunningWorker,
  spawnLogged,
  stopAndRemove,
  workerDir,
  wrangler,
  wranglerEnv,
} from "./worker-process.js"

export interface RunningWranglerDev extends RunningWorker {
  /** Everything wrangler and the worker wrote so far. */
  readonly log: () => string
}

/** Starts `wrangler dev` with `vars`, logging at `logLevel` (wrangler's levels; default "warn"). */
export const startWranglerDev = async (
  vars: Record<string, string>,
  options: { readonly logLevel?: string } = {},
): Promise<RunningWranglerDev> => {
  const { dir, logFile, log, tail } = workerDir("kontakt-dev-edge-", "wrangler.log")
  let child: ChildProcess | undefined
  const stop = () => stopAndRemove(child, dir)
  const launch = (port: number, assets: string) =>
    spawnLogged(
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
      logFile,
      wranglerEnv,
    )
  const answers = (at: string) =>
    fetch(`${at}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
  try {
    const assets = prepareAssets(dir)
    // A free port can be taken by another suite before wrangler binds it; then
    // wrangler exits saying so, and it starts again on another (three tries).
    for (let attempt = 1; ; attempt++) {
      const port = await freePort()
      const url = `http://127.0.0.1:${port}`
      child = launch(port, assets)
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
