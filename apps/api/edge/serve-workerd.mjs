/**
 * Serves a bundled worker in workerd through Miniflare, as wrangler.toml
 * describes it (bindings, compatibility, assets and their routing), on
 * 127.0.0.1 and a port the system picks, until SIGTERM. Prints
 * `listening <url>` once it answers. Started by edge/local-worker.ts.
 *
 *   node edge/serve-workerd.mjs <worker.js> <assets dir> <state dir> [NAME=value ...]
 *
 * Why not `wrangler dev`: docs/edge.md, "Why the tests do not run wrangler dev".
 */
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Log, LogLevel, Miniflare } from "miniflare"
import { unstable_getMiniflareWorkerOptions } from "wrangler"

const [script, assets, state, ...vars] = process.argv.slice(2)
if (script === undefined || assets === undefined || state === undefined) {
  console.error("usage: serve-workerd.mjs <worker.js> <assets dir> <state dir> [NAME=value ...]")
  process.exit(2)
}
const config = join(dirname(fileURLToPath(import.meta.url)), "..", "wrangler.toml")
const { workerOptions } = unstable_getMiniflareWorkerOptions(config, undefined, {
  overrides: { assets: { directory: assets } },
})
const bindings = Object.fromEntries(
  vars.map((pair) => {
    const at = pair.indexOf("=")
    return [pair.slice(0, at), pair.slice(at + 1)]
  }),
)

const mf = new Miniflare({
  ...workerOptions,
  name: "kontakt",
  modulesRoot: dirname(script),
  modules: [{ type: "ESModule", path: script }],
  bindings: { ...workerOptions.bindings, ...bindings },
  host: "127.0.0.1",
  port: 0,
  d1Persist: join(state, "d1"),
  // The placeholder `Request.cf`, not one fetched from Cloudflare (no network here;
  // the worker reads only the CF-Connecting-IP header).
  cf: false,
  // KONTAKT_EDGE_LOG_LEVEL=info logs every request (for chasing a failure).
  log: new Log(
    LogLevel[(process.env["KONTAKT_EDGE_LOG_LEVEL"] ?? "warn").toUpperCase()] ?? LogLevel.WARN,
  ),
})
const url = await mf.ready
console.log(`listening ${url.origin}`)

// SIGUSR2 runs the worker's cron handler, as the trigger in wrangler.toml would (the handler
// belongs to the worker itself, not to the assets' router in front of it), and prints its outcome.
process.on("SIGUSR2", () => {
  mf.getWorker("kontakt")
    .then((worker) => worker.scheduled({ cron: "17 * * * *" }))
    .then(
      (result) => console.log(`scheduled ${result.outcome}`),
      (error) => console.log(`scheduled failed ${error}`),
    )
})

const stop = () => {
  mf.dispose().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.once("SIGTERM", stop)
process.once("SIGINT", stop)
