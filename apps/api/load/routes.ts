/**
 * The per-route benchmark: each route on its own, as fast as 16 connections
 * get answers, beside a hello-world measured in the same run; per route the
 * requests a second and their ratio to the hello-world, the server's CPU
 * time per request, and (from a server that counts them, one request at a
 * time) the statements, transactions and round trips each request made.
 */
import autocannon from "autocannon"
import type { RouteWorld } from "./route-world.js"
import { cpuSeconds } from "./server-cpu.js"

/** One request to send. */
interface Op {
  readonly method: "GET" | "POST"
  readonly path: string
  readonly actor: string
  readonly body?: string
}

/** A route of the benchmark: its name, its target share of the hello-world, what it sends. */
export interface BenchRoute {
  readonly name: string
  readonly kind: "read" | "write"
  /** The target: at least this share of the hello-world's requests a second. */
  readonly target: number
  readonly next: () => Op
}

/** The routes and their targets, over a world; write routes use each piece of work once. */
export const benchRoutes = (w: RouteWorld): BenchRoute[] => {
  let i = 0
  const others = w.demo.filter((h) => h !== w.reader)
  const sends = w.sends.values()
  const accepts = w.accepts.values()
  const likes = w.likes.values()
  const take = <T>(it: Iterator<T>, route: string): T => {
    const n = it.next()
    if (n.done === true) throw new Error(`${route}: the world ran out of work; give it more`)
    return n.value
  }
  const read = (name: string, target: number, path: () => string): BenchRoute => ({
    name,
    kind: "read",
    target,
    next: () => ({ method: "GET", path: path(), actor: w.reader }),
  })
  return [
    read("GET /v1/me", 0.2, () => "/v1/me"),
    read("GET /v1/contacts", 0.05, () => "/v1/contacts?limit=20"),
    read("GET /v1/requests/incoming", 0.05, () => "/v1/requests/incoming?state=pending"),
    read("GET /v1/members/{handle}", 0.05, () => `/v1/members/${others[i++ % others.length]}`),
    read("GET /v1/feed", 0.05, () => "/v1/feed?limit=20"),
    {
      name: "POST /v1/requests",
      kind: "write",
      target: 0.03,
      next: () => {
        const [from, to] = take(sends, "POST /v1/requests")
        return {
          method: "POST",
          path: "/v1/requests",
          actor: from,
          body: JSON.stringify({ to, message: "Hallo, lass uns vernetzen!" }),
        }
      },
    },
    {
      name: "POST /v1/requests/{id}/accept",
      kind: "write",
      target: 0.03,
      next: () => {
        const [actor, id] = take(accepts, "accept")
        return { method: "POST", path: `/v1/requests/${id}/accept`, actor, body: "{}" }
      },
    },
    {
      name: "POST /v1/posts/{id}/like",
      kind: "write",
      target: 0.03,
      next: () => {
        const [actor, post] = take(likes, "like")
        return { method: "POST", path: `/v1/posts/${post}/like`, actor }
      },
    },
    {
      name: "POST /v1/posts (5,000 contacts)",
      kind: "write",
      target: 0.03,
      next: () => ({
        method: "POST",
        path: "/v1/posts",
        actor: w.hub,
        body: JSON.stringify({ text: "Neuer Beitrag über Weiterempfehlungen" }),
      }),
    },
  ]
}

const headers = (w: RouteWorld, op: Op, origin: string): Record<string, string> => ({
  cookie: `kontakt_session=${w.secrets.get(op.actor) ?? ""}`,
  ...(op.method === "GET" ? {} : { origin, "content-type": "application/json" }),
})

/** A route as fast as `connections` get answers for `seconds`; the server's CPU per request. */
export const driveRoute = async (options: {
  readonly url: string
  readonly world: RouteWorld
  readonly route: BenchRoute
  readonly connections: number
  readonly seconds: number
  readonly pids: () => readonly number[]
}) => {
  const origin = new URL(options.url).origin
  const statuses = new Map<number, number>()
  const cpuBefore = cpuSeconds(options.pids())
  const result = await new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        requests: [
          {
            setupRequest: (request) => {
              const op = options.route.next()
              return {
                ...request,
                method: op.method,
                path: op.path,
                headers: headers(options.world, op, origin),
                ...(op.body === undefined ? {} : { body: op.body }),
              }
            },
            onResponse: (status) => {
              statuses.set(status, (statuses.get(status) ?? 0) + 1)
            },
          },
        ],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    ),
  )
  const cpu = cpuSeconds(options.pids()) - cpuBefore
  const ok = [...statuses].filter(([s]) => s >= 200 && s < 300).reduce((n, [, k]) => n + k, 0)
  return {
    requestsPerSecond: result.requests.total / result.duration,
    cpuMicrosPerRequest: (cpu * 1e6) / Math.max(1, result.requests.total),
    p99: result.latency.p99,
    ok,
    statuses: [...statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}:${n}`)
      .join(" "),
  }
}

/** What one request of each route asks of the database, from a server that counts (after a warm-up request). */
export const countRoute = async (url: string, world: RouteWorld, route: BenchRoute) => {
  const origin = new URL(url).origin
  let header = ""
  for (let i = 0; i < 3; i++) {
    const op = route.next()
    const res = await fetch(`${url}${op.path}`, {
      method: op.method,
      headers: headers(world, op, origin),
      ...(op.body === undefined ? {} : { body: op.body }),
    })
    await res.arrayBuffer()
    if (res.status >= 300) throw new Error(`${route.name}: ${res.status} while counting`)
    header = res.headers.get("x-kontakt-statements") ?? ""
  }
  const field = (name: string) =>
    Number(new RegExp(`${name}=(\\d+)`).exec(header)?.[1] ?? Number.NaN)
  return {
    statements: field("statements"),
    transactions: field("transactions"),
    roundTrips: field("roundTrips"),
  }
}
