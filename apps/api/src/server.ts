/**
 * Starting and stopping the API on Node: open the database, migrate, serve,
 * and on SIGTERM finish in-flight requests and close the database.
 */
import { availableParallelism } from "node:os"
import { fileURLToPath } from "node:url"
import { type ServerType, serve } from "@hono/node-server"
import { getConnInfo } from "@hono/node-server/conninfo"
import { defaultPolicy, type Policy } from "@kontakt/domain"
import { migrate, readModelSettings, storeServicesWith } from "@kontakt/store"
import { databaseLayer, parseDatabaseUrl } from "@kontakt/store/node"
import { Layer, ManagedRuntime } from "effect"
import { createApp } from "./app.js"
import { hashGate } from "./auth/hash-gate.js"
import { anyOf } from "./auth/hasher.js"
import { type PasswordHasher, scryptHasher } from "./auth/password.js"
import { pbkdf2Hasher } from "./auth/pbkdf2.js"
import { clientAddress, trustedProxies } from "./client-address.js"
import { nodeDocsAssets } from "./docs-node.js"
import { nodeLog } from "./log-node.js"
import { NetworkIndex, networkIndexLayer } from "./network/network-index.js"
import { PRUNE_EVERY_MS, startOutboxPruning } from "./outbox-pruning.js"
import { sharpPhotos } from "./photos/photo-sharp.js"
import type { AppDeps } from "./runtime.js"
import { serveWebApp } from "./web.js"

export interface ServerOptions {
  readonly databaseUrl?: string | undefined
  readonly port: number
  readonly host: string
  readonly hasher?: PasswordHasher
  readonly log?: AppDeps["log"]
  /** The domain's limits and cadences (default: kontakt's own). */
  readonly policy?: Policy
  /** The built web app to serve beside the API (default: apps/web/dist); none if it is not built. */
  readonly webRoot?: string
  /** Whether answers carry `X-Kontakt-Statements` (benchmarks). */
  readonly countStatements?: boolean
  /** Whether to migrate the database first (default: yes; a cluster's primary has done it). */
  readonly migrate?: boolean
  /** Whether this process runs SQLite's background checkpoints (default: yes). */
  readonly checkpoints?: boolean
  /**
   * The reverse proxies whose `X-Forwarded-For` names the client (`TRUST_PROXY`:
   * addresses or `loopback`, comma-separated; default none: the socket's peer).
   */
  readonly trustProxy?: string | undefined
  /** Password hashes at once (default: one less than the cores, at least one). */
  readonly hashConcurrency?: number | undefined
  /** Sign-ups per address per hour (default 20). */
  readonly signupsPerHour?: number | undefined
  /**
   * The outbox's retention (docs/storage.md): events no feed needs are kept
   * `keepDays` (default 7), the feed's `feedDays` + `keepDays` (`feedDays`,
   * default 180, is also how far back a start rebuilds feeds); a pass every `pruneEveryMs` (default an
   * hour; 0: never, for a process that leaves it to another).
   */
  readonly outbox?: {
    readonly keepDays?: number | undefined
    readonly feedDays?: number | undefined
    readonly pruneEveryMs?: number | undefined
  }
  /**
   * How long a client may take to send a request's headers, and the whole
   * request with its body, before the server answers 408 and closes
   * (default 10 s and 60 s); and how many connections it keeps at once
   * (default 2,048; more are closed as they come).
   */
  readonly limits?: {
    readonly headersTimeoutMs?: number | undefined
    readonly requestTimeoutMs?: number | undefined
    readonly maxConnections?: number | undefined
  }
}

/** The defaults of `ServerOptions.limits`. */
export const CONNECTION_LIMITS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  maxConnections: 2_048,
}

export interface RunningServer {
  readonly url: string
  readonly stop: () => Promise<void>
}

/** Opens the database, applies migrations and serves the API; resolves once listening. */
export const startServer = async (options: ServerOptions): Promise<RunningServer> => {
  const network = new NetworkIndex()
  // Request lines go out asynchronously (pino), flushed when the server stops.
  const logger = nodeLog()
  const runtime = ManagedRuntime.make(
    networkIndexLayer(network).pipe(
      Layer.provideMerge(storeServicesWith(options.policy ?? defaultPolicy)),
      Layer.provideMerge(
        databaseLayer(parseDatabaseUrl(options.databaseUrl), {
          checkpoints: options.checkpoints !== false,
        }),
      ),
      Layer.provideMerge(
        readModelSettings({
          ...(options.outbox?.keepDays === undefined
            ? {}
            : { outboxKeepDays: options.outbox.keepDays }),
          ...(options.outbox?.feedDays === undefined ? {} : { feedDays: options.outbox.feedDays }),
        }),
      ),
    ),
  )
  if (options.migrate !== false) await runtime.runPromise(migrate)
  const pruneEveryMs = options.outbox?.pruneEveryMs ?? PRUNE_EVERY_MS
  const stopPruning =
    pruneEveryMs > 0
      ? startOutboxPruning(runtime, pruneEveryMs, (msg, extra) =>
          logger.log?.({ at: new Date().toISOString(), level: "info", msg, ...extra }),
        )
      : () => {}
  const proxies = trustedProxies(options.trustProxy)
  const app = createApp({
    runtime,
    // scrypt for new passwords; PBKDF2 hashes (set at the edge) still verify.
    hasher: options.hasher ?? anyOf(scryptHasher(), pbkdf2Hasher()),
    hashGate: hashGate({
      concurrency: options.hashConcurrency ?? Math.max(1, availableParallelism() - 1),
      queue: 32,
    }),
    clientAddress: (c) =>
      clientAddress(getConnInfo(c).remote.address, c.req.header("X-Forwarded-For"), proxies),
    docsAssets: nodeDocsAssets(),
    photos: sharpPhotos,
    network,
    countStatements: options.countStatements === true,
    ...(options.signupsPerHour === undefined ? {} : { signupsPerHour: options.signupsPerHour }),
    log: options.log === undefined ? logger.log : options.log,
  })
  serveWebApp(app, options.webRoot ?? fileURLToPath(new URL("../../web/dist", import.meta.url)))

  let stopping = false
  // While stopping, every response asks its client to close the connection, so that
  // keep-alive connections do not hold the shutdown open until their timeout.
  const fetch = async (request: Request, env: unknown) => {
    const response = await app.fetch(request, env)
    if (!stopping) return response
    const headers = new Headers(response.headers)
    headers.set("Connection", "close")
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    })
  }
  const given = options.limits ?? {}
  const limits = {
    headersTimeoutMs: given.headersTimeoutMs ?? CONNECTION_LIMITS.headersTimeoutMs,
    requestTimeoutMs: given.requestTimeoutMs ?? CONNECTION_LIMITS.requestTimeoutMs,
    maxConnections: given.maxConnections ?? CONNECTION_LIMITS.maxConnections,
  }
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve(
      {
        fetch,
        port: options.port,
        hostname: options.host,
        serverOptions: {
          // A slow client (slowloris) is cut off after seconds, not minutes: Node checks the
          // timeouts below this often (its default, 30 s, let a trickle hold a socket that long).
          connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.requestTimeoutMs,
          // Idle keep-alive connections stay open longer than a client or proxy keeps them
          // (undici ~4 s, load balancers ~60 s): if the server closed first, a request sent on
          // the closing socket would fail on the client's side without ever reaching us.
          keepAliveTimeout: 65_000,
        },
      },
      () => resolve(s),
    )
  })
  // Past it, Node closes each new connection as it comes (every ServerType is a net.Server).
  ;(server as import("node:net").Server).maxConnections = limits.maxConnections
  const address = server.address()
  const port = typeof address === "object" && address !== null ? address.port : options.port
  return {
    url: `http://${options.host}:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        stopping = true
        stopPruning()
        // close() stops accepting new connections and waits for the requests in flight; then the database closes.
        server.close((err) =>
          err === undefined
            ? runtime
                .dispose()
                .then(() => logger.flush())
                .then(resolve, reject)
            : reject(err),
        )
        if ("closeIdleConnections" in server) server.closeIdleConnections()
      }),
  }
}
