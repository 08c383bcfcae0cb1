/**
 * pnpm bench:http — the real server over 127.0.0.1, beside a Hono
 * hello-world measured in the same run (the ceiling):
 *   1. each route on its own at 16 connections, on the demo network plus a
 *      member with 5,000 contacts (load/routes.ts): requests a second, the
 *      ratio to the hello-world, the server's CPU µs per request, and the
 *      statements (SQLite) and round trips (PostgreSQL) one request makes;
 *   2. the realistic mix — 70% reads (feed, contacts, inbox, a member's
 *      profile with path), 30% writes (request, accept, post, like) — on a
 *      generated network of 10,000 members: at full speed (the peak), then at
 *      70% of the peak rate (the latency that counts); on SQLite, then on
 *      PostgreSQL with two API processes on one database. After each
 *      database's run, the lifecycle's invariants are checked.
 * The largest SQLite WAL seen during the writes is printed. Tables, then one
 * JSON line.
 *
 *   pnpm bench:http                       (about 5 minutes)
 *   pnpm bench:http -- --seconds 10 --route-seconds 5 --no-pg
 */
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync, statSync } from "node:fs"
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
import { type RouteWorld, seedRouteWorld } from "./route-world.js"
import { benchRoutes, countRoute, driveRoute } from "./routes.js"
import { cpuSeconds, processTree } from "./server-cpu.js"
import { freePort, type ServerProcess, startServerProcess } from "./server-process.js"
import { seedWorld, type World } from "./world.js"

const SECONDS = arg("seconds", 15)
const ROUTE_SECONDS = arg("route-seconds", 8)
const CONNECTIONS = arg("connections", 32)
const ROUTE_CONNECTIONS = 16
const MEMBERS = arg("members", 10_000)
const WITH_PG = !process.argv.includes("--no-pg")
// The bench sends thousands of requests a second from few members: the weekly and open limits
// (100 and 500 per member) would refuse most of them. What is measured is the cost of a request.
const BENCH_POLICY = JSON.stringify({
  weeklyRequestLimit: 1_000_000,
  maxOpenOutgoingRequests: 1_000_000,
})

/** The largest size a file reaches while `f` runs, sampled every 50 ms. */
const largest = async <A>(file: string | null, f: () => Promise<A>) => {
  let max = 0
  const sample = () => {
    if (file === null) return
    try {
      max = Math.max(max, statSync(file).size)
    } catch {
      /* not there yet */
    }
  }
  const timer = setInterval(sample, 50)
  try {
    const result = await f()
    sample()
    return { result, max }
  } finally {
    clearInterval(timer)
  }
}

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

/** The ceiling, running beside the server: measured again before each route. */
const startHelloWorld = async () => {
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
  await driveGet(url, ROUTE_CONNECTIONS, 2)
  return {
    measure: async (connections: number, seconds: number) => {
      const before = cpuSeconds([child.pid ?? 0])
      const r = await driveGet(url, connections, seconds)
      const cpu = cpuSeconds([child.pid ?? 0]) - before
      return { ...r, cpuMicrosPerRequest: (cpu * 1e6) / (r.requestsPerSecond * seconds) }
    },
    stop: () => child.kill("SIGTERM"),
  }
}
type HelloWorld = Awaited<ReturnType<typeof startHelloWorld>>

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

const measure = async (
  label: string,
  config: DatabaseConfig,
  processes: number,
  hello: HelloWorld,
) => {
  const t0 = performance.now()
  const world = await seed(config)
  const seedSeconds = (performance.now() - t0) / 1000
  // One worker a process: "two processes" are two, whatever the machine's cores.
  const env = { DATABASE_URL: urlOf(config), WORKERS: "1" }
  const servers: ServerProcess[] = []
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
    const ceiling = await hello.measure(CONNECTIONS, 3)
    const pids = () => servers.flatMap((s) => processTree(s.process().pid ?? 0))
    const cpuBefore = cpuSeconds(pids())
    const wal = config.kind === "sqlite" ? `${config.filename}-wal` : null
    const { result: peak, max: walAtPeak } = await largest(wal, () =>
      mixOn(urls, world, undefined, 100),
    )
    const peakCpu = cpuSeconds(pids()) - cpuBefore
    const { result: at70, max: walAt70 } = await largest(wal, () =>
      mixOn(urls, world, 0.7 * peak.requestsPerSecond, 200),
    )
    for (const s of servers) await s.stop()
    const broken = await violations(config)
    return {
      label,
      processes,
      seedSeconds,
      peak,
      at70,
      broken,
      cpuMicrosPerRequest: (peakCpu * 1e6) / (peak.requestsPerSecond * SECONDS),
      helloRps: ceiling.requestsPerSecond,
      largestWal: Math.max(walAtPeak, walAt70),
    }
  } catch (e) {
    for (const s of servers) await s.stop().catch(() => {})
    throw e
  }
}

const seedRoutes = (config: DatabaseConfig): Promise<RouteWorld> =>
  withStore(
    config,
    Effect.zipRight(migrate, seedRouteWorld({ fans: 5_000, work: 40_000, hubPosts: 8 })),
  )

const urlOf = (config: DatabaseConfig) =>
  config.kind === "sqlite" ? `file:${config.filename}` : config.url

/** What one request of each route asks of the database, from a server that counts. */
const countAll = async (config: DatabaseConfig, world: RouteWorld) => {
  const server = await startServerProcess({
    DATABASE_URL: urlOf(config),
    KONTAKT_POLICY: BENCH_POLICY,
    KONTAKT_STATEMENT_COUNTS: "1",
  })
  try {
    const counts: Record<string, Awaited<ReturnType<typeof countRoute>>> = {}
    for (const route of benchRoutes(world))
      counts[route.name] = await countRoute(server.url, world, route)
    return counts
  } finally {
    await server.stop()
  }
}

/** Each route on its own, as fast as 16 connections get answers, after the hello-world again. */
const driveAll = async (config: DatabaseConfig, world: RouteWorld, hello: HelloWorld) => {
  const server: ServerProcess = await startServerProcess({
    DATABASE_URL: urlOf(config),
    KONTAKT_POLICY: BENCH_POLICY,
  })
  const pids = () => processTree(server.process().pid ?? 0)
  const wal = config.kind === "sqlite" ? `${config.filename}-wal` : null
  try {
    const out: (Awaited<ReturnType<typeof driveRoute>> & {
      name: string
      target: number
      helloRps: number
    })[] = []
    let largestWal = 0
    const routes = benchRoutes(world)
    for (const route of routes) {
      // A short warm-up of the same route (the JIT, the caches); the ceiling right now; the route.
      await driveRoute({ url: server.url, world, route, connections: 4, seconds: 1, pids })
      const ceiling = await hello.measure(ROUTE_CONNECTIONS, 3)
      const { result, max } = await largest(wal, () =>
        driveRoute({
          url: server.url,
          world,
          route,
          connections: ROUTE_CONNECTIONS,
          seconds: ROUTE_SECONDS,
          pids,
        }),
      )
      largestWal = Math.max(largestWal, max)
      out.push({
        ...result,
        name: route.name,
        target: route.target,
        helloRps: ceiling.requestsPerSecond,
      })
    }
    return { routes: out, largestWal }
  } finally {
    await server.stop()
  }
}

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-http-"))
  let helloWorld: HelloWorld | null = null
  try {
    helloWorld = await startHelloWorld()
    const hello = {
      routes: await helloWorld.measure(ROUTE_CONNECTIONS, 5),
      mix: await helloWorld.measure(CONNECTIONS, 5),
    }
    // 1. Each route on its own, on the demo network (SQLite); the round trips on PostgreSQL.
    const routesDb: DatabaseConfig = { kind: "sqlite", filename: join(dir, "routes.db") }
    const routeWorld = await seedRoutes(routesDb)
    const sqliteCounts = await countAll(routesDb, routeWorld)
    const routes = await driveAll(routesDb, routeWorld, helloWorld)
    let pgCounts: Awaited<ReturnType<typeof countAll>> | null = null
    // 2. The mix on 10,000 members, SQLite then PostgreSQL with two processes.
    const sqlite = await measure(
      "SQLite, 1 process",
      { kind: "sqlite", filename: join(dir, "load.db") },
      1,
      helloWorld,
    )
    let pg: Awaited<ReturnType<typeof measure>> | null = null
    if (WITH_PG) {
      const server = await startPostgres({ shared_buffers: "512MB" })
      try {
        await server.createDatabase("routes")
        const pgRoutes: DatabaseConfig = { kind: "pg", url: server.url("routes") }
        pgCounts = await countAll(pgRoutes, await seedRoutes(pgRoutes))
        await server.createDatabase("load")
        pg = await measure(
          "PostgreSQL, 2 processes",
          { kind: "pg", url: server.url("load") },
          2,
          helloWorld,
        )
      } finally {
        await server.stop()
      }
    }
    const f = (n: number, d = 2) => n.toFixed(d).padStart(9)
    const pct = (n: number) => `${(100 * n).toFixed(1)}%`
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`
    console.log(
      `hello-world: ${hello.routes.requestsPerSecond.toFixed(0)} req/s at ${ROUTE_CONNECTIONS} connections (${hello.routes.cpuMicrosPerRequest.toFixed(1)} µs CPU per request), ${hello.mix.requestsPerSecond.toFixed(0)} req/s at ${CONNECTIONS}\n`,
    )
    console.log(
      `Each route alone: the demo network and a member with 5,000 contacts, SQLite, ${ROUTE_CONNECTIONS} connections, ${ROUTE_SECONDS} s each, the hello-world measured again (3 s) before each; largest WAL ${mb(routes.largestWal)}`,
    )
    console.log(
      `  ${"route".padEnd(34)}${"req/s".padStart(8)}${"hello".padStart(8)}${"÷ hello".padStart(9)}${"target".padStart(8)}${"CPU µs".padStart(8)}${"p99 ms".padStart(8)}${"stmts".padStart(7)}${"+tx".padStart(5)}${"pg rt".padStart(7)}  statuses`,
    )
    for (const r of routes.routes) {
      const c = sqliteCounts[r.name]
      const g = pgCounts?.[r.name]
      console.log(
        `  ${r.name.padEnd(34)}${r.requestsPerSecond.toFixed(0).padStart(8)}${r.helloRps.toFixed(0).padStart(8)}${pct(r.requestsPerSecond / r.helloRps).padStart(9)}${`≥ ${pct(r.target)}`.padStart(8)}${r.cpuMicrosPerRequest.toFixed(0).padStart(8)}${r.p99.toFixed(1).padStart(8)}${String(c?.statements ?? "").padStart(7)}${String(c?.transactions ?? "").padStart(5)}${String(g?.roundTrips ?? "–").padStart(7)}  ${r.statuses}`,
      )
    }
    console.log("")
    console.log(`The mix: ${MEMBERS} members; ${CONNECTIONS} connections; ${SECONDS} s per phase\n`)
    for (const run of [sqlite, ...(pg === null ? [] : [pg])]) {
      console.log(
        `${run.label}: peak ${run.peak.requestsPerSecond.toFixed(0)} req/s = ${pct(run.peak.requestsPerSecond / run.helloRps)} of hello-world (${run.helloRps.toFixed(0)} req/s just before) (target ≥ ${run.processes > 1 ? "2.5" : "5"}%), ${run.cpuMicrosPerRequest.toFixed(0)} µs CPU per request; at 70% of peak (${run.at70.requestsPerSecond.toFixed(0)} req/s): p50 ${run.at70.p50.toFixed(2)} ms, p99 ${run.at70.p99.toFixed(2)} ms (target ≤ ${run.processes > 1 ? 30 : 20}); 5xx ${run.peak.serverErrors + run.at70.serverErrors}; invariants ${run.broken.length === 0 ? "hold" : `BROKEN ${JSON.stringify(run.broken)}`}${run.largestWal > 0 ? `; largest WAL ${mb(run.largestWal)}` : ""}`,
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
      helloRps: Math.round(run.helloRps),
      ratioToHello: r3(run.peak.requestsPerSecond / run.helloRps),
      cpuMicrosPerRequest: Math.round(run.cpuMicrosPerRequest),
      at70Rps: Math.round(run.at70.requestsPerSecond),
      at70P50Ms: r3(run.at70.p50),
      at70P99Ms: r3(run.at70.p99),
      perRouteAt70P99Ms: Object.fromEntries(
        Object.entries(run.at70.perRoute).map(([k, v]) => [k, r3(v.p99)]),
      ),
      serverErrors: run.peak.serverErrors + run.at70.serverErrors,
      invariantsHold: run.broken.length === 0,
      ...(run.largestWal > 0 ? { largestWalBytes: run.largestWal } : {}),
    })
    console.log(
      JSON.stringify({
        bench: "http",
        helloRps: Math.round(hello.routes.requestsPerSecond),
        helloCpuMicros: r3(hello.routes.cpuMicrosPerRequest),
        helloMixRps: Math.round(hello.mix.requestsPerSecond),
        routes: Object.fromEntries(
          routes.routes.map((r) => [
            r.name,
            {
              rps: Math.round(r.requestsPerSecond),
              helloRps: Math.round(r.helloRps),
              ratioToHello: r3(r.requestsPerSecond / r.helloRps),
              target: r.target,
              cpuMicros: Math.round(r.cpuMicrosPerRequest),
              p99Ms: r3(r.p99),
              ok: r.ok,
              statements: sqliteCounts[r.name]?.statements,
              transactions: sqliteCounts[r.name]?.transactions,
              pgRoundTrips: pgCounts?.[r.name]?.roundTrips ?? null,
            },
          ]),
        ),
        routesLargestWalBytes: routes.largestWal,
        members: MEMBERS,
        connections: CONNECTIONS,
        secondsPerPhase: SECONDS,
        sqlite: figures(sqlite),
        postgres: pg === null ? null : figures(pg),
      }),
    )
  } finally {
    helloWorld?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
