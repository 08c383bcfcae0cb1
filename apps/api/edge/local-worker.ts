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
import { execFileSync } from "node:child_process"
import { join } from "node:path"
import {
  api,
  prepareAssets,
  type RunningWorker,
  spawnLogged,
  stopAndRemove,
  workerDir,
  wrangler,
  wranglerEnv,
} from "./worker-process.js"

/**
 * Starts the worker with `vars`, serving the built web app in `webDist`
 * (default: the stand-in).
 */
export const startWorker = async (
  vars: Record<string, string>,
  options: { readonly webDist?: string } = {},
): Promise<RunningWorker> => {
  // What Miniflare and the worker write goes to a file in the temp directory,
  // read back for a failure's report.
  const { dir, logFile, log, tail } = workerDir("kontakt-edge-", "worker.log")
  const bundle = join(dir, "bundle")
  let assets: string
  try {
    assets = prepareAssets(dir, options.webDist)
    // The bundle `wrangler deploy` would upload (the same build, the same config).
    execFileSync(
      process.execPath,
      [wrangler, "deploy", "--dry-run", "--outdir", bundle, "--assets", assets],
      { cwd: api, env: wranglerEnv, stdio: "pipe" },
    )
  } catch (error) {
    await stopAndRemove(undefined, dir)
    throw error
  }
  const child = spawnLogged(
    [
      join(api, "edge", "serve-workerd.mjs"),
      join(bundle, "worker.js"),
      assets,
      join(dir, "state"),
      ...Object.entries(vars).map(([k, v]) => `${k}=${v}`),
    ],
    logFile,
  )
  const stop = () => stopAndRemove(child, dir)
  // The server prints its address once workerd is up.
  const deadline = Date.now() + 90_000
  let url: string | undefined
  while (url === undefined) {
    url = /^listening (http:\/\/\S+)$/m.exec(log())?.[1]
    if (url !== undefined) break
    if (child.exitCode !== null || Date.now() > deadline) {
      const report = `the worker did not start:\n${tail()}`
      await stop()
      throw new Error(report)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  let runs = 0
  const scheduled = async () => {
    const nth = ++runs
    child.kill("SIGUSR2")
    const deadline = Date.now() + 30_000
    for (;;) {
      const outcomes = [...log().matchAll(/^scheduled (.+)$/gm)].map((m) => m[1] ?? "")
      if (outcomes.length >= nth) return outcomes[nth - 1] ?? ""
      if (Date.now() > deadline) throw new Error(`the cron handler did not finish:\n${tail()}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  return { url, output: tail, stop, scheduled }
}
