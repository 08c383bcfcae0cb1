/**
 * Password hashing must not slow signed-in members down: GET /v1/me's
 * latency while sign-ups (16 at a time, back to back) or bad sign-ins (bursts
 * of 100 at once) flood the real server, each from an address of its own
 * (through a trusted proxy, as a botnet would look), against the same route
 * idle — with the hash gate as shipped (one hash at a time on this machine's
 * two cores) and opened to four at once (Node's whole thread pool, as before
 * the gate). Target: p50 under these floods ≤ 3× idle. A last phase, 100
 * clients sending bad sign-ins back to back without heeding Retry-After, is
 * a plain request flood (most answers are 503s): shown, not a target — its
 * cost is the requests, not the hashing. Prints a table, then one JSON line.
 *
 *   pnpm --filter @kontakt/api bench       (runs this after network.bench.ts)
 *   node --import tsx load/hashing.bench.ts --seconds 4
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { numberArg } from "./args.js"
import { startServerProcess } from "./server-process.js"

const SECONDS = numberArg("seconds", 4)
const READERS = 2

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN

let seq = 0
const address = () => {
  seq++
  return `198.18.${Math.floor(seq / 250) % 250}.${seq % 250}`
}

type Flood = "none" | "signups" | "bursts" | "loop"

const measure = async (url: string, cookie: string, flood: Flood) => {
  const until = performance.now() + SECONDS * 1000
  const latencies: number[] = []
  const statuses = new Map<number, number>()
  const reader = async () => {
    while (performance.now() < until) {
      const start = performance.now()
      const res = await fetch(`${url}/v1/me`, { headers: { cookie } })
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`/v1/me answered ${res.status}`)
      latencies.push(performance.now() - start)
    }
  }
  const once = async () => {
    const n = ++seq
    const res = await fetch(`${url}/v1/auth/${flood === "signups" ? "signup" : "login"}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address() },
      body: JSON.stringify(
        flood === "signups"
          ? {
              email: `flood${n}@example.org`,
              password: "a flood of new accounts",
              handle: `flood${n}`,
              displayName: "Flood",
            }
          : { email: `nobody${n}@example.org`, password: "not the password" },
      ),
    })
    await res.arrayBuffer()
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
  }
  const loop = async () => {
    while (performance.now() < until) await once()
  }
  const bursts = async () => {
    while (performance.now() < until) await Promise.all(Array.from({ length: 100 }, once))
  }
  await Promise.all([
    ...Array.from({ length: READERS }, reader),
    ...(flood === "signups" ? Array.from({ length: 16 }, loop) : []),
    ...(flood === "bursts" ? [bursts()] : []),
    ...(flood === "loop" ? Array.from({ length: 100 }, loop) : []),
  ])
  latencies.sort((a, b) => a - b)
  return {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    requests: latencies.length,
    flood: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
  }
}

const run = async (hashConcurrency: number) => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-hashing-"))
  const server = await startServerProcess({
    DATABASE_URL: `file:${join(dir, "h.db")}`,
    TRUST_PROXY: "loopback",
    SIGNUPS_PER_HOUR: "1000000",
    HASH_CONCURRENCY: String(hashConcurrency),
  })
  try {
    const signup = await fetch(`${server.url}/v1/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address() },
      body: JSON.stringify({
        email: "reader@example.org",
        password: "correct horse battery",
        handle: "reader",
        displayName: "Reader",
      }),
    })
    if (signup.status !== 201) throw new Error(`sign-up answered ${signup.status}`)
    const cookie = (signup.headers.get("set-cookie") ?? "").split(";")[0] ?? ""
    await measure(server.url, cookie, "none") // warm-up
    const idle = await measure(server.url, cookie, "none")
    const signups = await measure(server.url, cookie, "signups")
    const bursts = await measure(server.url, cookie, "bursts")
    const loop = await measure(server.url, cookie, "loop")
    return { hashConcurrency, idle, signups, bursts, loop }
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

const gated = await run(1)
const open = await run(4)
const fmt = (n: number) => n.toFixed(2).padStart(8)
console.log(`GET /v1/me while passwords are hashed (${READERS} readers, ${SECONDS} s per phase)\n`)
console.log("hashes at once  phase                     p50 ms   p99 ms  × idle  flood answers")
for (const r of [gated, open])
  for (const [phase, f] of [
    ["idle", r.idle],
    ["16 sign-ups at once", r.signups],
    ["100 bad sign-ins, bursts", r.bursts],
    ["100 bad, back to back", r.loop],
  ] as const)
    console.log(
      `${String(r.hashConcurrency).padStart(14)}  ${phase.padEnd(24)}${fmt(f.p50)}${fmt(f.p99)}${fmt(f.p50 / r.idle.p50)}  ${JSON.stringify(f.flood)}`,
    )
console.log(
  "\ntarget: p50 under the sign-up flood and the bursts ≤ 3× idle, with the gate as shipped (1 hash at once);\nback to back without heeding Retry-After is a request flood, shown for comparison",
)
const figures = (r: typeof gated) => ({
  idleP50Ms: Number(r.idle.p50.toFixed(3)),
  signupFloodP50Ms: Number(r.signups.p50.toFixed(3)),
  loginBurstsP50Ms: Number(r.bursts.p50.toFixed(3)),
  loginLoopP50Ms: Number(r.loop.p50.toFixed(3)),
  signupFloodRatio: Number((r.signups.p50 / r.idle.p50).toFixed(2)),
  loginBurstsRatio: Number((r.bursts.p50 / r.idle.p50).toFixed(2)),
  loginLoopRatio: Number((r.loop.p50 / r.idle.p50).toFixed(2)),
  signupFloodAnswers: r.signups.flood,
  loginBurstsAnswers: r.bursts.flood,
  loginLoopAnswers: r.loop.flood,
})
console.log(
  JSON.stringify({
    bench: "hashing",
    seconds: SECONDS,
    gated: figures(gated),
    fourAtOnce: figures(open),
  }),
)
