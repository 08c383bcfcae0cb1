/**
 * What the network questions cost when the database answers them (the edge
 * worker's way) beside the in-memory index (the Node server's way), through
 * the whole API route, on SQLite with the store benchmark's network: 10,000
 * members, power-law degrees, one member with 5,000 contacts.
 *
 *   pnpm --filter @kontakt/api bench   (--members N --hub N --runs N)
 *
 * Prints a table, then one JSON line.
 */
import type { createApp } from "../src/app.js"
import { makeTestApp, ORIGIN } from "../src/test-support.js"
import { numberArg as arg } from "./args.js"
import { ascending, percentile } from "./drive.js"
import { seedWorld } from "./world.js"

const members = arg("members", 10_000)
const hubDegree = arg("hub", 5_000)
const runs = arg("runs", 30)

const t = await makeTestApp()
const world = await t.runtimeRun(seedWorld({ members, hubDegree, pendingPerMember: 0, posts: 0 }))
const h = world.handles
const hub = h[0] ?? ""
// Ordinary members: the hub's contacts are many; these are a spread of the rest.
const viewers = Array.from({ length: runs }, (_, i) => h[1 + ((i * 7919) % (members - 1))] ?? "")

type App = ReturnType<typeof createApp>
const get = async (app: App, viewer: string, path: string) => {
  const started = performance.now()
  const res = await app.request(path, {
    headers: { Cookie: `kontakt_session=${world.secrets.get(viewer)}`, Origin: ORIGIN },
  })
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  await res.arrayBuffer()
  return performance.now() - started
}

const questions: Record<string, (viewer: string, i: number) => string> = {
  suggestions: () => "/v1/network/suggestions?limit=10",
  path: (_, i) => `/v1/network/path/${h[(i * 104_729 + 17) % members] ?? ""}`,
  reach: () => "/v1/network/reach",
}

const measure = async (app: App, question: string, who: readonly string[]) => {
  const ask = questions[question] ?? (() => "")
  await get(app, who[0] ?? "", ask(who[0] ?? "", 0)) // warm (the index builds on first use)
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const viewer = who[i % who.length] ?? ""
    ms.push(await get(app, viewer, ask(viewer, i)))
  }
  const sorted = ascending(ms)
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) }
}

const ways = { index: t.withNetwork("index"), sql: t.withNetwork("sql") }
const rows: { way: string; question: string; viewer: string; p50: number; p99: number }[] = []
for (const [way, app] of Object.entries(ways))
  for (const question of Object.keys(questions))
    for (const [viewer, who] of [
      ["typical", viewers],
      ["hub", [hub]],
    ] as const)
      rows.push({ way, question, viewer, ...(await measure(app, question, who)) })
await t.close()

const r2 = (x: number) => Math.round(x * 100) / 100
console.log(
  `network questions through the API, ${members} members, hub ${hubDegree}, ${runs} runs each`,
)
console.log("way    question     viewer   p50 ms   p99 ms")
for (const r of rows)
  console.log(
    `${r.way.padEnd(6)} ${r.question.padEnd(12)} ${r.viewer.padEnd(8)} ${r2(r.p50).toFixed(2).padStart(7)} ${r2(r.p99).toFixed(2).padStart(8)}`,
  )
const figures: Record<string, number> = {}
for (const r of rows) {
  figures[`${r.way}_${r.question}_${r.viewer}_p50Ms`] = r2(r.p50)
  figures[`${r.way}_${r.question}_${r.viewer}_p99Ms`] = r2(r.p99)
}
console.log(JSON.stringify({ bench: "network-api", members, hubDegree, runs, ...figures }))
