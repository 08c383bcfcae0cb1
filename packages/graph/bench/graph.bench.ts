/**
 * The graph benchmark: build the index from a generated network and time the
 * queries; on networks up to 200,000 members, its peers run the same queries
 * on the same data in the same run: graphology, and SQL on SQLite and on
 * PostgreSQL (bench/sql-peers.ts), whose answers are checked against the
 * index's. Prints a table, then one JSON line.
 *
 *   pnpm bench                                  (100,000 members)
 *   pnpm bench -- --members 1000000             (the 1M run, without peers)
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import Graph from "graphology"
import { bidirectional } from "graphology-shortest-path"
import { GraphIndex, reach, Scratch, shortestPath, suggestions } from "../src/index.js"
import { generatePairs, prng } from "./generate.js"
import { postgresPeer, type SqlPeer, sqlitePeer } from "./sql-peers.js"

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN
  return Number.isFinite(v) ? v : fallback
}
const MEMBERS = arg("members", 100_000)
const QUERIES = arg("queries", 1_000)
const PEER_QUERIES = arg("peer-queries", 100)
const SQL_QUERIES = arg("sql-queries", 30)

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0
}
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now()
  const r = f()
  return [r, performance.now() - t]
}

const t0 = performance.now()
const pairs = generatePairs(MEMBERS)
const generateSeconds = (performance.now() - t0) / 1000
const [g, buildMs] = time(() => GraphIndex.fromPairs(MEMBERS, pairs))
const degrees = Array.from({ length: MEMBERS }, (_, v) => g.degree(v))
const sortedDegrees = [...degrees].sort((a, b) => a - b)
const random = prng(9)

// Average local clustering over a sample of members.
let clustering = 0
let sampled = 0
for (let i = 0; i < 300; i++) {
  const v = Math.floor(random() * MEMBERS)
  const nb = g.neighbors(v)
  if (nb.length < 2 || nb.length > 2_000) continue
  let links = 0
  for (const a of nb) for (const b of g.neighbors(a)) if (b > a && nb.includes(b)) links++
  clustering += (2 * links) / (nb.length * (nb.length - 1))
  sampled++
}
clustering /= Math.max(1, sampled)

const scratch = new Scratch(MEMBERS)
const near500 = degrees
  .map((d, v) => [Math.abs(d - 500), v] as const)
  .sort((a, b) => a[0] - b[0])
  .slice(0, QUERIES)
  .map(([, v]) => v)
const suggestTimes = near500.map((v) => time(() => suggestions(g, v, { limit: 20, scratch }))[1])
const pathPairs = Array.from(
  { length: QUERIES },
  () => [Math.floor(random() * MEMBERS), Math.floor(random() * MEMBERS)] as const,
)
let found = 0
const pathTimes = pathPairs.map(([a, b]) => {
  const [p, ms] = time(() => shortestPath(g, a, b, { scratch }))
  if (p !== null) found++
  return ms
})
const reachMembers = Array.from({ length: QUERIES }, () => Math.floor(random() * MEMBERS))
const reachTimes = reachMembers.map((v) => time(() => reach(g, v, { rings: 2, scratch }))[1])

// graphology on the same data, the same queries.
let peer: { buildMs: number; suggestP50: number; pathP50: number; reachP50: number } | null = null
if (MEMBERS <= 200_000) {
  const [graph, peerBuild] = time(() => {
    const graph = new Graph.UndirectedGraph()
    for (let v = 0; v < MEMBERS; v++) graph.addNode(v)
    for (let v = 0; v < MEMBERS; v++) for (const w of g.neighbors(v)) if (v < w) graph.addEdge(v, w)
    return graph
  })
  const suggestPeer = (v: number) => {
    const counts = new Map<string, number>()
    const mine = new Set(graph.neighbors(String(v)))
    for (const w of mine)
      for (const x of graph.neighbors(w))
        if (x !== String(v) && !mine.has(x)) counts.set(x, (counts.get(x) ?? 0) + 1)
    return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 20)
  }
  const reachPeer = (v: number) => {
    const seen = new Set([String(v)])
    const ring1 = graph.neighbors(String(v))
    for (const w of ring1) seen.add(w)
    let second = 0
    for (const w of ring1) {
      for (const x of graph.neighbors(w)) {
        if (seen.has(x)) continue
        seen.add(x)
        second++
      }
    }
    return second
  }
  const sample = <T>(xs: readonly T[]) => xs.slice(0, PEER_QUERIES)
  peer = {
    buildMs: peerBuild,
    suggestP50: pct(
      sample(near500).map((v) => time(() => suggestPeer(v))[1]),
      0.5,
    ),
    pathP50: pct(
      sample(pathPairs).map(([a, b]) => time(() => bidirectional(graph, String(a), String(b)))[1]),
      0.5,
    ),
    reachP50: pct(
      sample(reachMembers).map((v) => time(() => reachPeer(v))[1]),
      0.5,
    ),
  }
}

// SQL on the same data: the same suggestions and path lengths, or the benchmark fails.
interface SqlFigures {
  readonly loadMs: number
  readonly suggestP50: number
  readonly pathP50: number
}
const sqlRun = async (open: () => Promise<SqlPeer>): Promise<SqlFigures> => {
  const peer = await open()
  try {
    const suggestMs: number[] = []
    for (const v of near500.slice(0, SQL_QUERIES)) {
      const { ms, top } = await peer.suggest(v)
      const ours = suggestions(g, v, { limit: 20, scratch }).map((s) => [s.member, s.mutualCount])
      if (JSON.stringify(top) !== JSON.stringify(ours))
        throw new Error(`${peer.name}: suggestions for ${v} differ from the index's`)
      suggestMs.push(ms)
    }
    const pathMs: number[] = []
    for (const [a, b] of pathPairs.slice(0, SQL_QUERIES)) {
      const { ms, hops } = await peer.path(a, b)
      const ours = shortestPath(g, a, b, { scratch })
      const expected = ours === null ? null : ours.length - 1
      if (hops !== expected)
        throw new Error(`${peer.name}: ${hops} hops from ${a} to ${b}, expected ${expected}`)
      pathMs.push(ms)
    }
    return { loadMs: peer.loadMs, suggestP50: pct(suggestMs, 0.5), pathP50: pct(pathMs, 0.5) }
  } finally {
    await peer.close()
  }
}
let sql: { sqlite: SqlFigures; postgres: SqlFigures } | null = null
if (MEMBERS <= 200_000) {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-graph-peer-"))
  try {
    sql = {
      sqlite: await sqlRun(() => sqlitePeer(g, join(dir, "edges.db"))),
      postgres: await sqlRun(() => postgresPeer(g)),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const f = (n: number) => n.toFixed(2).padStart(10)
console.log(
  `network: ${MEMBERS.toLocaleString("en")} members, ${(g.directedEdges / 2).toLocaleString("en")} connections; degree median ${pct(sortedDegrees, 0.5)}, mean ${(g.directedEdges / MEMBERS).toFixed(1)}, max ${sortedDegrees.at(-1)}; clustering ${clustering.toFixed(3)} (sampled); generated in ${generateSeconds.toFixed(1)} s\n`,
)
const peerCols = ["graphology", "SQLite", "PostgreSQL"]
console.log(
  `${"".padEnd(40)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}${peerCols.map((p) => `${p} p50`.padStart(17) + "×".padStart(7)).join("")}`,
)
const peerCell = (peerP50: number | null | undefined, p50: number) =>
  peerP50 === null || peerP50 === undefined
    ? "-".padStart(17) + "-".padStart(7)
    : peerP50.toFixed(2).padStart(17) + `${(peerP50 / p50).toFixed(0)}×`.padStart(7)
const row = (name: string, xs: number[], peers: readonly (number | null | undefined)[]) => {
  const p50 = pct(xs, 0.5)
  console.log(
    `${name.padEnd(40)}${f(p50)}${f(pct(xs, 0.99))}${peers.map((p) => peerCell(p, p50)).join("")}`,
  )
}
console.log(
  `${"build (SQL: load + index)".padEnd(40)}${f(buildMs)}${"".padStart(10)}${[peer?.buildMs, sql?.sqlite.loadMs, sql?.postgres.loadMs].map((ms) => (ms === undefined ? "-" : ms.toFixed(0)).padStart(17) + "".padStart(7)).join("")}`,
)
row(`suggestions, top 20 (degree ≈ ${degrees[near500[0] ?? 0]})`, suggestTimes, [
  peer?.suggestP50,
  sql?.sqlite.suggestP50,
  sql?.postgres.suggestP50,
])
row("shortest path ≤ 4 hops, random pairs", pathTimes, [
  peer?.pathP50,
  sql?.sqlite.pathP50,
  sql?.postgres.pathP50,
])
row("reach, 1st + 2nd degree (exact)", reachTimes, [peer?.reachP50, null, null])
console.log(
  `\nindex: ${(g.bytes / g.directedEdges).toFixed(2)} bytes per directed edge (${(g.bytes / 1e6).toFixed(0)} MB); paths found within 4 hops: ${((100 * found) / QUERIES).toFixed(1)}%`,
)
if (sql !== null)
  console.log(
    `SQL peers: ${SQL_QUERIES} queries each, answers equal to the index's (the same top 20 with the same counts; the same path lengths)`,
  )
const r3 = (n: number) => Math.round(n * 1000) / 1000
const ratios = (s: SqlFigures) => ({
  loadMs: r3(s.loadMs),
  suggestP50Ms: r3(s.suggestP50),
  pathP50Ms: r3(s.pathP50),
  suggestRatio: r3(s.suggestP50 / pct(suggestTimes, 0.5)),
  pathRatio: r3(s.pathP50 / pct(pathTimes, 0.5)),
})
console.log(
  JSON.stringify({
    bench: "graph",
    members: MEMBERS,
    connections: g.directedEdges / 2,
    degreeMedian: pct(sortedDegrees, 0.5),
    degreeMean: r3(g.directedEdges / MEMBERS),
    clustering: r3(clustering),
    buildMs: r3(buildMs),
    bytesPerDirectedEdge: r3(g.bytes / g.directedEdges),
    suggestP50Ms: r3(pct(suggestTimes, 0.5)),
    suggestP99Ms: r3(pct(suggestTimes, 0.99)),
    pathP50Ms: r3(pct(pathTimes, 0.5)),
    pathP99Ms: r3(pct(pathTimes, 0.99)),
    reach2P99Ms: r3(pct(reachTimes, 0.99)),
    graphology: peer,
    sqlite: sql === null ? null : ratios(sql.sqlite),
    postgres: sql === null ? null : ratios(sql.postgres),
  }),
)
