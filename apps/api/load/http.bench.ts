/**
 * pnpm bench:http — the real server under a realistic mix over 127.0.0.1:
 * 70% reads (feed, contacts, inbox, a member's profile with path), 30%
 * writes (request, accept, post, like), on a generated network of 10,000
 * members. In the same run: a Hono hello-world as the ceiling; the mix at
 * full speed (the peak), then at 70% of the peak rate (the latency that
 * counts); then PostgreSQL with two API processes on one database. After each
 * database's run, the lifecycle's invariants are checked. A table, then one
 * JSON line.
 *
 *   pnpm bench:http                       (about 2 minutes; the driving itself is 60 s)
 *   pnpm bench:http -- --seconds 10 --no-pg
 */
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

import { type Db, migrate, storeServices } from "@kontakt/store"
import { type DatabaseConfig, databaseLayer } from "@kontakt/store/node"
import { invariantViolations, prng, startPostgres } from "@kontakt/store/testing"
import { Effect, Layer, ManagedRuntime } from "effect"
import { numberArg as arg } from "./args.js"
import {
  ascending,
  type DriveResult,
  driveGet,
  driveMix,
  driveMixAtRate,
  merge,
  percentile,
} from "./drive.js"
import { emptyAcknowledged, ROUTES } from "./mix.js"
import { freePort, startServerProcess } from "./server-process.js"
import { seedWorld, type World } from "./world.js"

const SECONDS = arg("seconds", 15)
const CONNECTIONS = arg("connections", 32)
const MEMBERS = arg("members", 10_000)
const WITH_PG = !process.argv.includes("--no-pg")

type Store = Layer.Layer.Success<typeof storeServices> | Db

const withStore = async <A, E>(config: DatabaseConfig, f: Effect.Effect<A, E, Store>) => {
  const runtime = ManagedRuntime.make(storeServices.pipe(Layer.provideMerge(databaseLayer(config))))
  try {
    return await runtime.runPromise(f)
  } finally {
    await runtime.dispose()
  }
}

const seed = (config: DatabaseConfig): Promise<World> =>
  withStore(
    config,
    Effect.zipRight(
      migrate,
      seedWorld({ members: MEMBERS, hubDegree: 2_000, pendingPerMember: 8, posts: 2_000 }),
    ),
  )

const violations = (config: DatabaseConfig) => withStore(config, invariantViolations)

const helloWorld = async () => {
  const port = await freePort()
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("hello.ts", import.meta.url)), String(port)],
    { stdio: "ignore" },
  )
  const url = `http://127.0.0.1:${port}/`
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      break
    await new Promise((r) => setTimeout(r, 50))
  }
  try {
    return await driveGet(url, CONNECTIONS, Math.max(5, Math.round(SECONDS / 2)))
  } finally {
    child.kill("SIGTERM")
  }
}

interface Phase {
  readonly requestsPerSecond: number
  readonly p50: number
  readonly p99: number
  readonly perRoute: Record<string, { n: number; p50: number; p99: number; status: string }>
  readonly serverErrors: number
}

const summarize = (r: DriveResult): Phase => {
  const all: number[] = []
  const perRoute: Phase["perRoute"] = {}
  let serverErrors = 0
  for (const { name } of ROUTES) {
    const f = r.perRoute.get(name)
    if (f === undefined) continue
    all.push(...f.latencies)
    const sorted = ascending(f.latencies)
    const status = [...f.statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}:${n}`)
      .join(" ")
    for (const [s, n] of f.statuses) if (s >= 500) serverErrors += n
    perRoute[name] = {
      n: f.latencies.length,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      status,
    }
  }
  const sorted = ascending(all)
  return {
    requestsPerSecond: r.requests / r.seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    perRoute,
    serverErrors: serverErrors + r.errors,
  }
}

const mixOn = async (
  urls: readonly string[],
  world: World,
  rate: number | undefined,
  seed: number,
) => {
  const acks = emptyAcknowledged()
  // The peak: autocannon, as fast as answers come. A rate: requests at even intervals.
  const results = await Promise.all(
    urls.map((url, i) =>
      rate === undefined
        ? driveMix({
            url,
            world,
            random: prng(seed + i),
            acks,
            connections: Math.ceil(CONNECTIONS / urls.length),
            seconds: SECONDS,
          })
        : driveMixAtRate({
            url,
            world,
            random: prng(seed + i),
            acks,
            rate: rate / urls.length,
            seconds: SECONDS,
          }),
    ),
  )
  return summarize(merge(results))
}

const measure = async (label: string, config: DatabaseConfig, processes: number) => {
  const t0 = performance.now()
  const world = await seed(config)
  const seedSeconds = (performance.now() - t0) / 1000
  const env = {
    DATABASE_URL: config.kind === "sqlite" ? `file:${config.filename}` : config.url,
  }
  const servers = []
  for (let i = 0; i < processes; i++) servers.push(await startServerProcess(env))
  const urls = servers.map((s) => s.url)
  try {
    // Warm-up: every process builds its network index and fills its caches.
    await Promise.all(
      urls.map((url) =>
        driveMix({
          url,
          world,
          random: prng(7),
          acks: emptyAcknowledged(),
          connections: 8,
          seconds: 2,
        }),
      ),
    )
    // Each phase its own random sequence: the same one would only repeat the peak's requests.
    const peak = await mixOn(urls, world, undefined, 100)
    const at70 = await mixOn(urls, world, 0.7 * peak.requestsPerSecond, 200)
    for (const s of servers) await s.stop()
    const broken = await violations(config)
    return { label, processes, seedSeconds, peak, at70, broken }
  } catch (e) {
    for (const s of servers) await s.stop().catch(() => {})
    throw e
  }
}

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-http-"))
  try {
    const hello = await helloWorld()
    const sqlite = await measure(
      "SQLite, 1 process",
      { kind: "sqlite", filename: join(dir, "load.db") },
      1,
    )
    let pg: Awaited<ReturnType<typeof measure>> | null = null
    if (WITH_PG) {
      const server = await startPostgres({ shared_buffers: "512MB" })
      try {
        await server.createDatabase("load")
        pg = await measure("PostgreSQL, 2 processes", { kind: "pg", url: server.url("load") }, 2)
      } finally {
        await server.stop()
      }
    }
    const f = (n: number, d = 2) => n.toFixed(d).padStart(9)
    console.log(
      `network: ${MEMBERS} members; ${CONNECTIONS} connections; ${SECONDS} s per phase; hello-world ${hello.requestsPerSecond.toFixed(0)} req/s (p99 ${hello.p99} ms)\n`,
    )
    for (const run of [sqlite, ...(pg === null ? [] : [pg])]) {
      console.log(
        `${run.label}: peak ${run.peak.requestsPerSecond.toFixed(0)} req/s = ${((100 * run.peak.requestsPerSecond) / hello.requestsPerSecond).toFixed(1)}% of hello-world (target ≥ 40%); at 70% of peak (${run.at70.requestsPerSecond.toFixed(0)} req/s): p50 ${run.at70.p50.toFixed(2)} ms, p99 ${run.at70.p99.toFixed(2)} ms (target ≤ 20); 5xx ${run.peak.serverErrors + run.at70.serverErrors}; invariants ${run.broken.length === 0 ? "hold" : `BROKEN ${JSON.stringify(run.broken)}`}`,
      )
      console.log(
        `  ${"route".padEnd(32)}${"peak p50".padStart(9)}${"peak p99".padStart(9)}${"70% p50".padStart(9)}${"70% p99".padStart(9)}  statuses at 70%`,
      )
      for (const { name } of ROUTES) {
        const p = run.peak.perRoute[name]
        const q = run.at70.perRoute[name]
        if (p === undefined || q === undefined) continue
        console.log(`  ${name.padEnd(32)}${f(p.p50)}${f(p.p99)}${f(q.p50)}${f(q.p99)}  ${q.status}`)
      }
      console.log("")
    }
    const r3 = (n: number) => Math.round(n * 1000) / 1000
    const figures = (run: typeof sqlite) => ({
      processes: run.processes,
      peakRps: Math.round(run.peak.requestsPerSecond),
      ratioToHello: r3(run.peak.requestsPerSecond / hello.requestsPerSecond),
      at70Rps: Math.round(run.at70.requestsPerSecond),
      at70P50Ms: r3(run.at70.p50),
      at70P99Ms: r3(run.at70.p99),
      perRouteAt70P99Ms: Object.fromEntries(
        Object.entries(run.at70.perRoute).map(([k, v]) => [k, r3(v.p99)]),
      ),
      serverErrors: run.peak.serverErrors + run.at70.serverErrors,
      invariantsHold: run.broken.length === 0,
    })
    console.log(
      JSON.stringify({
        bench: "http",
        members: MEMBERS,
        connections: CONNECTIONS,
        secondsPerPhase: SECONDS,
        helloRps: Math.round(hello.requestsPerSecond),
        sqlite: figures(sqlite),
        postgres: pg === null ? null : figures(pg),
      }),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
