/**
 * The edge entry: the same `createApp` on Cloudflare Workers, with the store
 * on D1 (@kontakt/store/d1), passwords hashed with PBKDF2 through Web Crypto,
 * network questions answered by the database (a worker cannot keep the
 * in-memory index), /docs from the worker's static assets. Run locally with
 * `pnpm dev:edge` (wrangler and workerd, a local D1); see docs/edge.md.
 *
 * Per isolate: one runtime, migrations applied on the first request. The
 * only background work is the outbox's retention, on the cron trigger in
 * wrangler.toml (`scheduled`): feeds are fanned out on read, so a write is
 * done when it has answered.
 */
import { migrate, OutboxRetention, readModelSettings, storeServicesWith } from "@kontakt/store"
import { type D1Database, d1Layer } from "@kontakt/store/d1"
import { Effect, Layer, ManagedRuntime } from "effect"
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
  /** Sign-ups per address per hour (default 20). */
  readonly SIGNUPS_PER_HOUR?: string
  /** How long the outbox keeps events no feed needs, in days (default 7; docs/storage.md). */
  readonly OUTBOX_KEEP_DAYS?: string
}

const build = (env: Env) => {
  const keepDays = Number(env.OUTBOX_KEEP_DAYS ?? "")
  const runtime = ManagedRuntime.make(
    storeServicesWith(policyFromEnv(env.KONTAKT_POLICY)).pipe(
      Layer.provideMerge(d1Layer(env.DB)),
      Layer.provideMerge(readModelSettings(keepDays > 0 ? { outboxKeepDays: keepDays } : {})),
    ),
  )
  const iterations = Number(env.PASSWORD_ITERATIONS ?? "")
  const signupsPerHour = Number(env.SIGNUPS_PER_HOUR ?? "")
  const app = createApp({
    runtime,
    hasher: pbkdf2Hasher(Number.isInteger(iterations) && iterations > 0 ? iterations : undefined),
    network: "sql",
    ...(Number.isInteger(signupsPerHour) && signupsPerHour > 0 ? { signupsPerHour } : {}),
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
  return { app, ready, runtime }
}

let instance: ReturnType<typeof build> | null = null
const started = (env: Env) => {
  instance ??= build(env)
  return instance
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const worker = started(env)
    await worker.ready
    return worker.app.fetch(request, env, ctx)
  },
  /** The cron trigger: prunes what no isolate needs any more from the outbox. */
  async scheduled(_controller: unknown, env: Env): Promise<void> {
    try {
      const worker = started(env)
      await worker.ready
      await worker.runtime.runPromise(Effect.flatMap(OutboxRetention, (r) => r.prune(new Date())))
    } catch (e) {
      // Logged, then failed: the invocation shows as failed in the worker's metrics.
      console.error(
        JSON.stringify({ level: "error", msg: "outbox pruning failed", error: String(e) }),
      )
      throw e
    }
  },
}
