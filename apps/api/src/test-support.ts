/**
 * Route tests run the real app on a real SQLite database (a temp file per
 * test file) through `app.request`, as members with session cookies or tokens.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Db, migrate, type Param, type Row, statement, storeServices } from "@kontakt/store"
import { databaseLayer } from "@kontakt/store/node"
import { Effect, Layer, ManagedRuntime } from "effect"
import type { Context } from "hono"
import { createApp } from "./app.js"
import { type PasswordHasher, scryptHasher } from "./auth/password.js"
import { nodeDocsAssets } from "./docs-node.js"
import { NetworkIndex, networkIndexLayer } from "./network/network-index.js"
import { sharpPhotos } from "./photos/photo-sharp.js"
import type { AppDeps, Services } from "./runtime.js"
import { type CallOptions, requestInit } from "./test-request.js"

export const ORIGIN = "http://localhost"

// Route tests sign up many members; a cheaper scrypt keeps them fast. The
// production parameters have their own test (password.test.ts).
const testHasher = scryptHasher({ N: 2 ** 10, r: 8, p: 1 })

export const makeTestApp = async (
  options: Pick<AppDeps, "hashGate" | "signupsPerHour"> & { readonly hasher?: PasswordHasher } = {},
) => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-api-"))
  const network = new NetworkIndex()
  const runtime = ManagedRuntime.make(
    networkIndexLayer(network).pipe(
      Layer.provideMerge(storeServices),
      Layer.provideMerge(databaseLayer({ kind: "sqlite", filename: join(dir, "api.db") })),
    ),
  )
  await runtime.runPromise(migrate)
  let now = Date.now()
  const deps = {
    runtime,
    hasher: options.hasher ?? testHasher,
    ...(options.hashGate === undefined ? {} : { hashGate: options.hashGate }),
    ...(options.signupsPerHour === undefined ? {} : { signupsPerHour: options.signupsPerHour }),
    now: () => new Date(now),
    log: null,
    clientAddress: (c: Context) => c.req.header("X-Test-Address") ?? "127.0.0.1",
    docsAssets: nodeDocsAssets(),
    photos: sharpPhotos,
    network,
  }
  const app = createApp(deps)

  /** A request as a browser would send it, with the session cookie and our Origin on writes. */
  const call = (method: string, path: string, options: CallOptions = {}) =>
    app.request(path, requestInit(method, options, ORIGIN))

  let seq = 0
  /** Signs up a member (a handle of its own unless given); returns their handle and session cookie. */
  const signup = async (
    name: string,
    extra: {
      settings?: Record<string, unknown>
      handle?: string
      displayName?: string
    } = {},
  ) => {
    const handle = extra.handle ?? `${name}${++seq}`
    const res = await call("POST", "/v1/auth/signup", {
      // Members sign up from addresses of their own (sign-ups are throttled per address).
      headers: { "X-Test-Address": `10.200.${Math.floor(seq / 250)}.${seq % 250}` },
      body: {
        email: `${handle}@example.org`,
        password: "correct horse battery",
        handle,
        displayName: extra.displayName ?? name.charAt(0).toUpperCase() + name.slice(1),
      },
    })
    if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`)
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? ""
    if (extra.settings !== undefined) {
      const patched = await call("PATCH", "/v1/me", { cookie, body: { settings: extra.settings } })
      if (patched.status !== 200)
        throw new Error(`settings failed: ${patched.status} ${await patched.text()}`)
    }
    return { handle, cookie, email: `${handle}@example.org` }
  }
  type Member = Awaited<ReturnType<typeof signup>>

  /** Signs in again (a session lasts 30 days); returns the fresh member. */
  const relogin = async (m: Member): Promise<Member> => {
    const res = await call("POST", "/v1/auth/login", {
      body: { email: m.email, password: "correct horse battery" },
    })
    if (res.status !== 200) throw new Error(`login failed: ${res.status}`)
    return { ...m, cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "" }
  }

  /** A sends B a request and B accepts it; returns the request id. */
  const connect = async (a: Member, b: Member) => {
    const sent = await call("POST", "/v1/requests", { cookie: a.cookie, body: { to: b.handle } })
    const { request } = (await sent.json()) as { request: { id: string } }
    const accepted = await call("POST", `/v1/requests/${request.id}/accept`, { cookie: b.cookie })
    if (accepted.status !== 200)
      throw new Error(`accept failed: ${accepted.status} ${await accepted.text()}`)
    return request.id
  }

  /** Raw SQL on the app's database (placeholders `?`). */
  const query = <R extends Row = Row>(text: string, params: readonly Param[] = []) =>
    runtime.runPromise(Effect.flatMap(Db, (db) => db.unsafe(text, params))) as Promise<R[]>

  const tablesStatement = statement(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    (r) => String(r["name"]),
  )
  /** Row counts of every table: what "the database is unchanged" means in tests. */
  const snapshot = () =>
    runtime.runPromise(
      Effect.gen(function* () {
        const db = yield* Db
        const counts: Record<string, number> = {}
        for (const name of yield* db.all(tablesStatement)) {
          const [row] = yield* db.unsafe(`SELECT COUNT(*) AS n FROM "${name}"`)
          counts[name] = Number(row?.["n"] ?? 0)
        }
        return counts
      }),
    )

  return {
    /** Runs an effect on the app's own runtime (for seeding through the services). */
    runtimeRun: <A, E>(effect: Effect.Effect<A, E, Services>) => runtime.runPromise(effect),
    app,
    /** The same app over the same database, answering network questions the one way or the other. */
    withNetwork: (way: "index" | "sql") =>
      createApp({ ...deps, network: way === "index" ? network : "sql" }),
    call,
    signup,
    relogin,
    connect,
    snapshot,
    query,
    advanceDays: (days: number) => {
      now += days * 86_400_000
    },
    close: async () => {
      await runtime.dispose()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
export type TestApp = Awaited<ReturnType<typeof makeTestApp>>
