/**
 * The edge entry: the same `createApp` on Cloudflare Workers, with the store
 * on D1 (@kontakt/store/d1), passwords hashed with PBKDF2 through Web Crypto,
 * network questions answered by the database (a worker cannot keep the
 * in-memory index), /docs from the worker's static assets. Run locally with
 * `pnpm dev:edge` (wrangler and workerd, a local D1); see docs/edge.md.
 *
 * Per isolate: one runtime, migrations applied on the first request. Work a
 * Node process does in the background — writing out fan-outs queued for very
 * large audiences, connection news — runs after a write's answer
 * (`waitUntil`) and on the cron trigger.
 */
import { EventLog, migrate, storeServicesWith } from "@kontakt/store"
import { type D1Database, d1Layer } from "@kontakt/store/d1"
import { Effect, Layer, ManagedRuntime, String as Str } from "effect"
import type { ExecutionContext } from "hono"
import { createApp } from "./app.js"
import { pbkdf2Hasher } from "./auth/pbkdf2.js"
import { policyFromEnv } from "./policy-config.js"

interface Env {
  readonly DB: D1Database
  /** The worker's static assets (Swagger UI's files under /docs-assets/). */
  readonly ASSETS?: { fetch: (request: Request) => Promise<Response> }
  /** PBKDF2 iterations (default OWASP's 600,000). */
  readonly PASSWORD_ITERATIONS?: string
  /** Changed limits and cadences, as JSON (see policy-config.ts). */
  readonly KONTAKT_POLICY?: string
}

const names = { transformQueryNames: Str.camelToSnake, transformResultNames: Str.snakeToCamel }

const build = (env: Env) => {
  const runtime = ManagedRuntime.make(
    storeServicesWith(policyFromEnv(env.KONTAKT_POLICY)).pipe(
      Layer.provideMerge(d1Layer(env.DB, names)),
    ),
  )
  const iterations = Number(env.PASSWORD_ITERATIONS ?? "")
  const app = createApp({
    runtime,
    hasher: pbkdf2Hasher(Number.isInteger(iterations) && iterations > 0 ? iterations : undefined),
    network: "sql",
    clientAddress: (c) => c.req.header("CF-Connecting-IP") ?? "unknown",
    docsAssets: async (name) => {
      if (env.ASSETS === undefined) return null
      const res = await env.ASSETS.fetch(new Request(`https://assets.local/docs-assets/${name}`))
      return res.ok ? new Uint8Array(await res.arrayBuffer()) : null
    },
  })
  // Of isolates starting at once, one applies new migrations; another's batch
  // fails and changes nothing, so it looks once more (and finds them applied).
  const ready = runtime.runPromise(migrate).catch(() => runtime.runPromise(migrate))
  // A failed start (D1 unreachable, say) is not remembered: the next request tries again.
  ready.catch(() => {
    instance = null
  })
  // A few steps of background work; each step is one small batch.
  const drain = (steps: number) =>
    runtime.runPromise(
      Effect.flatMap(EventLog, (log) =>
        Effect.iterate(0, {
          while: (n) => n < steps,
          body: (n) => Effect.map(log.drainOnce, (worked) => (worked ? n + 1 : steps)),
        }),
      ),
    )
  return { app, ready, drain }
}

let instance: ReturnType<typeof build> | null = null
const started = (env: Env) => {
  instance ??= build(env)
  return instance
}

// Undelivered work stays in the outbox; the next drain (or the cron) picks it up.
const logDrainFailure = (error: unknown) => console.error("kontakt: background drain failed", error)

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const worker = started(env)
    await worker.ready
    const response = await worker.app.fetch(request, env, ctx)
    if (request.method !== "GET") ctx.waitUntil(worker.drain(5).catch(logDrainFailure))
    return response
  },
  async scheduled(_event: unknown, env: Env, ctx: ExecutionContext): Promise<void> {
    const worker = started(env)
    await worker.ready
    ctx.waitUntil(worker.drain(100).catch(logDrainFailure))
  },
}
