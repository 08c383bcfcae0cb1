/**
 * The graph benchmark: build the index from a generated network and time the
 * queries; on networks up to 200,000 members, graphology runs the same
 * queries on the same data in the same run. Prints a table, then one JSON line.
 *
 *   pnpm bench                                  (100,000 members)
 *   pnpm bench -- --members 1000000             (the 1M run; several minutes)
 */
import Graph from "graphology"
import { bidirectional } from "graphology-shortest-path"
import { GraphIndex, reach, Scratch, shortestPath, suggestions } from "../src/index.js"
import { generatePairs, prng } from "./generate.js"

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN
  return Number.isFinite(v) ? v : fallback
}
const MEMBERS = arg("members", 100_000)
const QUERIES = arg("queries", 1_000)
const PEER_QUERIES = arg("peer-queries", 100)

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

const f = (n: number) => n.toFixed(2).padStart(10)
console.log(
  `network: ${MEMBERS.toLocaleString("en")} members, ${(g.directedEdges / 2).toLocaleString("en")} connections; degree median ${pct(sortedDegrees, 0.5)}, mean ${(g.directedEdges / MEMBERS).toFixed(1)}, max ${sortedDegrees.at(-1)}; clustering ${clustering.toFixed(3)} (sampled); generated in ${generateSeconds.toFixed(1)} s\n`,
)
console.log(
  `${"".padEnd(44)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}${"graphology p50".padStart(16)}${"ratio".padStart(8)}`,
)
const row = (name: string, xs: number[], peerP50: number | null) => {
  const p50 = pct(xs, 0.5)
  console.log(
    `${name.padEnd(44)}${f(p50)}${f(pct(xs, 0.99))}${(peerP50 === null ? "-" : peerP50.toFixed(2)).padStart(16)}${(peerP50 === null ? "-" : `${(peerP50 / p50).toFixed(0)}×`).padStart(8)}`,
  )
}
console.log(
  `${"build the index".padEnd(44)}${f(buildMs)}${"".padStart(10)}${(peer === null ? "-" : peer.buildMs.toFixed(0)).padStart(16)}`,
)
row(
  `suggestions, top 20 (degree ≈ ${degrees[near500[0] ?? 0]})`,
  suggestTimes,
  peer?.suggestP50 ?? null,
)
row("shortest path ≤ 4 hops, random pairs", pathTimes, peer?.pathP50 ?? null)
row("reach, 1st + 2nd degree (exact)", reachTimes, peer?.reachP50 ?? null)
console.log(
  `\nindex: ${(g.bytes / g.directedEdges).toFixed(2)} bytes per directed edge (${(g.bytes / 1e6).toFixed(0)} MB); paths found within 4 hops: ${((100 * found) / QUERIES).toFixed(1)}%`,
)
const r3 = (n: number) => Math.round(n * 1000) / 1000
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
  }),
)
