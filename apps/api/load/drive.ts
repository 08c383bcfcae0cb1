/**
 * Drives a server with autocannon: the mix (or a fixed request) from many
 * connections, for a while, at full speed or at a given rate; per route, the
 * latency of every answer (measured here, from send to full answer) and its status.
 */
import { Agent, request as httpRequest } from "node:http"
import autocannon from "autocannon"
import type { Acknowledged } from "./mix.js"
import { headersFor, makeMix, type Operation, type Route } from "./mix.js"
import type { World } from "./world.js"

export interface RouteFigures {
  readonly latencies: number[]
  readonly statuses: Map<number, number>
}

export interface DriveResult {
  readonly seconds: number
  readonly requests: number
  readonly perRoute: Map<string, RouteFigures>
  readonly errors: number
  readonly timeouts: number
}

const figures = (perRoute: Map<string, RouteFigures>, route: string) => {
  let f = perRoute.get(route)
  if (f === undefined) {
    f = { latencies: [], statuses: new Map() }
    perRoute.set(route, f)
  }
  return f
}

/** Runs autocannon and resolves with its totals. */
const run = (options: autocannon.Options) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)))
  })

export const driveMix = async (options: {
  readonly url: string
  readonly world: World
  readonly random: () => number
  readonly acks: Acknowledged
  readonly connections: number
  readonly seconds: number
  readonly rate?: number
}): Promise<DriveResult> => {
  const next = makeMix(options.world, options.random, options.acks)
  const origin = new URL(options.url).origin
  const perRoute = new Map<string, RouteFigures>()
  type Context = { op?: Operation; started?: number }
  const result = await run({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate === undefined ? {} : { overallRate: options.rate }),
    requests: [
      {
        setupRequest: (request, context) => {
          const op = next()
          const c = context as Context
          c.op = op
          c.started = performance.now()
          return {
            ...request,
            method: op.method,
            path: op.path,
            headers: headersFor(options.world, op, origin),
            ...(op.body === null ? {} : { body: op.body }),
          }
        },
        onResponse: (status, body, context) => {
          const c = context as Context
          if (c.op === undefined || c.started === undefined) return
          const f = figures(perRoute, c.op.route)
          f.latencies.push(performance.now() - c.started)
          f.statuses.set(status, (f.statuses.get(status) ?? 0) + 1)
          if (status >= 200 && status < 300) c.op.acknowledged?.(body)
        },
      },
    ],
  })
  return {
    seconds: result.duration,
    requests: result.requests.total,
    perRoute,
    errors: result.errors,
    timeouts: result.timeouts,
  }
}

/**
 * The mix at a steady rate, open loop: requests start at even intervals
 * whatever the answers do, and each one's latency counts from when it was
 * due, so a stalled server shows in the figures instead of slowing the
 * clock. (autocannon's own rate limit sends each second's quota in a burst
 * at the start of the second, which measures its bursts, not the server.)
 * Plain `node:http` on kept-alive sockets: `fetch` cost the client so much
 * that its own delays were a p99 of 20–60 ms against a server that answers
 * in one.
 */
export const driveMixAtRate = async (options: {
  readonly url: string
  readonly world: World
  readonly random: () => number
  readonly acks: Acknowledged
  readonly rate: number
  readonly seconds: number
}): Promise<DriveResult> => {
  const next = makeMix(options.world, options.random, options.acks)
  const target = new URL(options.url)
  const agent = new Agent({ keepAlive: true, maxSockets: 256 })
  const perRoute = new Map<string, RouteFigures>()
  const total = Math.round(options.rate * options.seconds)
  const start = performance.now()
  let errors = 0
  let settled = 0
  let allSettled = () => {}
  const done = new Promise<void>((resolve) => {
    allSettled = resolve
  })
  const settle = () => {
    if (++settled === total) allSettled()
  }
  const send = (op: Operation, due: number) => {
    const request = httpRequest(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: op.method,
        path: op.path,
        headers: headersFor(options.world, op, target.origin),
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on("data", (c: Buffer) => chunks.push(c))
        res.on("end", () => {
          const status = res.statusCode ?? 0
          const f = figures(perRoute, op.route)
          f.latencies.push(performance.now() - due)
          f.statuses.set(status, (f.statuses.get(status) ?? 0) + 1)
          if (status >= 200 && status < 300) op.acknowledged?.(Buffer.concat(chunks).toString())
          settle()
        })
      },
    )
    request.on("error", () => {
      errors++
      settle()
    })
    request.end(op.body ?? undefined)
  }
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / options.rate
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    send(next(), due)
  }
  if (total > 0) await done
  agent.destroy()
  return {
    seconds: (performance.now() - start) / 1000,
    requests: total - errors,
    perRoute,
    errors,
    timeouts: 0,
  }
}

/** Requests a second that a plain GET of `url` reaches. */
export const driveGet = async (url: string, connections: number, seconds: number) => {
  const result = await run({ url, connections, duration: seconds })
  return { requestsPerSecond: result.requests.total / result.duration, p99: result.latency.p99 }
}

export const ascending = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)
export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0

/** Merges the figures of several drives (two processes driven at once). */
export const merge = (results: readonly DriveResult[]): DriveResult => {
  const perRoute = new Map<string, RouteFigures>()
  for (const r of results)
    for (const [route, f] of r.perRoute) {
      const into = figures(perRoute, route)
      into.latencies.push(...f.latencies)
      for (const [s, n] of f.statuses) into.statuses.set(s, (into.statuses.get(s) ?? 0) + n)
    }
  return {
    seconds: Math.max(...results.map((r) => r.seconds)),
    requests: results.reduce((n, r) => n + r.requests, 0),
    perRoute,
    errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
  }
}

export type { Route }
