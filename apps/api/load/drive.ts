/**
 * Drives a server with autocannon: the mix (or a fixed request) from many
 * connections, for a while, at full speed or at a given rate; per route, the
 * latency of every answer (measured here, from send to full answer) and its status.
 */
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
  const origin = new URL(options.url).origin
  const perRoute = new Map<string, RouteFigures>()
  const total = Math.round(options.rate * options.seconds)
  const start = performance.now()
  let errors = 0
  const inFlight = new Set<Promise<void>>()
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / options.rate
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    const op = next()
    const request = fetch(`${options.url}${op.path}`, {
      method: op.method,
      headers: headersFor(options.world, op, origin),
      ...(op.body === null ? {} : { body: op.body }),
    })
      .then(async (res) => {
        const body = await res.text()
        const f = figures(perRoute, op.route)
        f.latencies.push(performance.now() - due)
        f.statuses.set(res.status, (f.statuses.get(res.status) ?? 0) + 1)
        if (res.ok) op.acknowledged?.(body)
      })
      .catch(() => {
        errors++
      })
    const tracked: Promise<void> = request.finally(() => inFlight.delete(tracked))
    inFlight.add(tracked)
  }
  await Promise.all(inFlight)
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
