/**
 * A schema-driven fuzzer over every operation in the OpenAPI document,
 * against the real server process: valid-shaped, invalid and hostile bodies,
 * path parameters, query strings and headers — more than 10,000 requests.
 * Not one may answer 5xx; the server must still be up; the invariants must
 * hold afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { request as httpRequest } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { migrate, storeServices } from "@kontakt/store"
import { databaseLayer } from "@kontakt/store/node"
import { invariantViolations } from "@kontakt/store/testing"
import { Effect, Layer, ManagedRuntime } from "effect"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ServerProcess, startServerProcess } from "../load/server-process.js"
import { seedWorld, type World } from "../load/world.js"
import { hostileString, invalid, valid } from "./schema-arbitrary.js"

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is untyped JSON
type Doc = any

const PER_OPERATION = 185

/**
 * Sends a body too large to be read, the way a browser would, and takes the
 * answer the server gives before it has read it all (fetch gives up on the
 * closed connection instead of reading the early answer).
 */
const sendHuge = (url: string, method: string, headers: Record<string, string>, body: Uint8Array) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    // A connection of its own: after an early answer the server drains and closes the old one.
    const req = httpRequest(
      url,
      { method, agent: false, headers: { ...headers, "content-length": String(body.length) } },
      (res) => {
        let text = ""
        res.on("data", (d: Buffer) => {
          text += d.toString()
        })
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }))
        res.on("error", reject)
      },
    )
    req.on("error", (e: NodeJS.ErrnoException) => {
      // The server answered 413 and closed while the rest was still being written: refused
      // before read whole, as it should be. Any other failure is one.
      if (e.code === "EPIPE" || e.code === "ECONNRESET") resolve({ status: 413, text: "closed" })
      else reject(e)
    })
    req.end(body)
  })

// A lone surrogate cannot be URI-encoded: send the bytes it would have been, which is worse.
const encode = (s: string) => {
  try {
    return encodeURIComponent(s)
  } catch {
    return "%ED%A0%80"
  }
}

describe("the API under a fuzzer", () => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-fuzz-"))
  const filename = join(dir, "fuzz.db")
  const store = () =>
    ManagedRuntime.make(
      storeServices.pipe(Layer.provideMerge(databaseLayer({ kind: "sqlite", filename }))),
    )
  let world: World
  let server: ServerProcess
  let doc: Doc
  const ids: Record<string, string[]> = {
    request: [],
    post: [],
    group: [],
    category: [],
    token: [],
    session: [],
  }

  beforeAll(async () => {
    const seeding = store()
    world = await seeding.runPromise(
      Effect.zipRight(
        migrate,
        seedWorld({ members: 300, hubDegree: 60, pendingPerMember: 3, posts: 60 }),
      ),
    )
    await seeding.dispose()
    server = await startServerProcess({ DATABASE_URL: `file:${filename}` })
    doc = await (await fetch(`${server.url}/v1/openapi.json`)).json()
    // Ids that exist, so that valid-shaped requests reach the code behind the 404s.
    ids["request"] = [...world.incoming.values()].flat().slice(0, 200)
    const actor = world.handles[5] ?? ""
    // Posts delivered to the actor first (the rest answer 404, as unknown ids do).
    const delivered = (p: { author: string }) =>
      p.author === actor || (world.contactsOf.get(actor) ?? []).includes(p.author)
    ids["post"] = [...world.posts.filter(delivered), ...world.posts.filter((p) => !delivered(p))]
      .slice(0, 60)
      .map((p) => p.id)
    const cookie = `kontakt_session=${world.secrets.get(actor)}`
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { cookie, origin: server.url, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ id: string }>)
    for (let i = 0; i < 3; i++) {
      ids["group"]?.push((await post("/v1/groups", { name: `Gruppe ${i}` })).id)
      ids["category"]?.push((await post("/v1/categories", { name: `Kategorie ${i}` })).id)
      ids["token"]?.push((await post("/v1/tokens", { name: `Token ${i}` })).id)
    }
    // Sessions that exist, of the members whose sessions may end (below).
    for (const h of world.handles.slice(200, 230)) {
      const listed = (await (
        await fetch(`${server.url}/v1/me/sessions`, {
          headers: { cookie: `kontakt_session=${world.secrets.get(h)}` },
        })
      ).json()) as { items: { id: string }[] }
      ids["session"]?.push(...listed.items.map((x) => x.id))
    }
    expect(ids["session"]?.length).toBe(30)
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it("answers more than 10,000 requests over every operation without a 5xx, and stays up", async () => {
    const operations = Object.entries<Record<string, Doc>>(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    )
    expect(operations.length).toBeGreaterThan(50)
    const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length] as T
    const words = fc.stringMatching(/^[A-Za-zÄÖÜäöüß ,.!?-]{1,80}$/).filter((t) => t.trim() !== "")
    const hints = {
      text: words,
      name: words,
      displayName: words,
      link: fc.webUrl({ validSchemes: ["https", "http"] }),
      email: fc.emailAddress(),
      to: fc.constantFrom(...world.handles.slice(0, 200)),
      handle: fc.constantFrom(...world.handles.slice(0, 200)),
      groupId: fc.constantFrom(...(ids["group"] ?? [])),
      categoryIds: fc.subarray(ids["category"] ?? []),
    }

    type Probe = {
      method: string
      url: string
      headers: Record<string, string>
      body: string | Uint8Array | undefined
    }
    const probes: Probe[] = []
    let seed = 1
    for (const { path, method, op } of operations) {
      const params: Doc[] = op.parameters ?? []
      const jsonBody = op.requestBody?.content?.["application/json"]?.schema
      const binaryBody = op.requestBody?.content?.["image/png"] !== undefined
      const kinds = fc.sample(fc.constantFrom("valid", "valid", "valid", "invalid", "hostile"), {
        numRuns: PER_OPERATION,
        seed: seed++,
      })
      const validBodies =
        jsonBody === undefined
          ? []
          : fc.sample(valid(jsonBody, doc, 0, hints), { numRuns: PER_OPERATION, seed: seed++ })
      const invalidBodies =
        jsonBody === undefined
          ? []
          : fc.sample(invalid(jsonBody, doc), { numRuns: PER_OPERATION, seed: seed++ })
      const hostile = fc.sample(hostileString, { numRuns: PER_OPERATION, seed: seed++ })
      const queryValues = fc.sample(
        fc.record(
          Object.fromEntries(
            params
              .filter((p) => p.in === "query")
              .map((p) => [p.name, fc.oneof(valid(p.schema, doc), hostileString)]),
          ),
          { requiredKeys: [] },
        ),
        { numRuns: PER_OPERATION, seed: seed++ },
      )
      // Signing out, ending sessions and deleting the account end sessions: they get members
      // of their own.
      const ending =
        path === "/v1/auth/logout" ||
        path === "/v1/me/sessions/{id}" ||
        (path === "/v1/me" && method === "DELETE")
      const actors = ending ? world.handles.slice(200) : world.handles.slice(0, 200)
      kinds.forEach((kind, i) => {
        const actor = pick(actors, i * 7 + 3)
        let resolved = path
        for (const p of params.filter((x) => x.in === "path")) {
          const existing =
            p.name === "handle"
              ? world.handles
              : path.startsWith("/v1/requests")
                ? (ids["request"] ?? [])
                : path.startsWith("/v1/posts")
                  ? (ids["post"] ?? [])
                  : path.startsWith("/v1/groups")
                    ? (ids["group"] ?? [])
                    : path.startsWith("/v1/categories")
                      ? (ids["category"] ?? [])
                      : path.startsWith("/v1/me/sessions")
                        ? (ids["session"] ?? [])
                        : (ids["token"] ?? [])
          const value = kind === "hostile" ? (hostile[i] ?? "") : pick(existing, i)
          resolved = resolved.replace(`{${p.name}}`, encode(value))
        }
        const query = new URLSearchParams()
        for (const [k, v] of Object.entries(queryValues[i] ?? {}))
          query.set(k, typeof v === "string" ? v : JSON.stringify(v))
        const url = `${server.url}${resolved}${query.size > 0 ? `?${query}` : ""}`
        // Who asks: a member by cookie (with or without our Origin), by token, or nobody.
        const auth = i % 10
        const headers: Record<string, string> =
          auth < 6
            ? { cookie: `kontakt_session=${world.secrets.get(actor)}`, origin: server.url }
            : auth === 6
              ? { cookie: `kontakt_session=${world.secrets.get(actor)}` }
              : auth === 7
                ? {
                    authorization: `Bearer ${hostile[i] ?? "x"}`
                      .slice(0, 4_000)
                      .split("")
                      .filter((ch) => ch >= " " && ch <= "~")
                      .join(""),
                  }
                : auth === 8
                  ? { cookie: "kontakt_session=forged; other=1" }
                  : {}
        let body: string | Uint8Array | undefined
        if (jsonBody !== undefined) {
          headers["content-type"] = i % 23 === 0 ? "text/plain" : "application/json"
          body =
            kind === "valid"
              ? JSON.stringify(validBodies[i])
              : kind === "invalid"
                ? JSON.stringify(invalidBodies[i])
                : pick(
                    [
                      '{"__proto__": {"polluted": true}}',
                      "{",
                      "[]",
                      "null",
                      `"${hostile[i] ?? ""}"`,
                      '{"text": 1e999}',
                    ],
                    i,
                  )
        } else if (binaryBody) {
          headers["content-type"] = pick(
            ["image/png", "image/jpeg", "image/webp", "application/json"],
            i,
          )
          const bytes = new Uint8Array(kind === "hostile" ? 2_200_000 : 64)
          if (i % 2 === 0) bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
          body = bytes
        } else if (method !== "GET" && kind === "hostile") {
          headers["content-type"] = "application/json"
          body = `{"unexpected": "${"x".repeat(i * 11)}"}`
        }
        probes.push({ method, url, headers, body })
      })
    }
    expect(probes.length).toBeGreaterThanOrEqual(10_000)

    const failures: string[] = []
    const statuses = new Map<number, number>()
    let nextProbe = 0
    const worker = async () => {
      for (;;) {
        const probe = probes[nextProbe++]
        if (probe === undefined) return
        if (probe.body instanceof Uint8Array && probe.body.length > 2 * 1024 * 1024) {
          const big = await sendHuge(probe.url, probe.method, probe.headers, probe.body).catch(
            (e: unknown) => e as Error,
          )
          if (big instanceof Error)
            failures.push(`${probe.method} ${probe.url} (huge): ${big.message}`)
          else {
            statuses.set(big.status, (statuses.get(big.status) ?? 0) + 1)
            if (big.status >= 500)
              failures.push(`${probe.method} ${probe.url} (huge) → ${big.status}`)
          }
          continue
        }
        const res = await fetch(probe.url, {
          method: probe.method,
          headers: probe.headers,
          ...(probe.body === undefined ? {} : { body: probe.body }),
          signal: AbortSignal.timeout(15_000),
        }).catch((e: unknown) => e as Error)
        if (res instanceof Error) {
          const cause = (res as Error & { cause?: { code?: string; message?: string } }).cause
          failures.push(
            `${probe.method} ${probe.url}: ${res.message} (${cause?.code ?? ""} ${cause?.message ?? ""}; body ${probe.body?.length ?? 0} bytes)`,
          )
          continue
        }
        const text = await res.text()
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        if (res.status >= 500)
          failures.push(`${probe.method} ${probe.url} → ${res.status}: ${text.slice(0, 200)}`)
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker))
    expect(failures.slice(0, 10)).toEqual([])
    // Every kind of answer showed up: the fuzzer reached the handlers, not only the validators.
    const seen = [...statuses.keys()].sort((a, b) => a - b)
    for (const status of [200, 201, 204, 400, 401, 404, 409, 413, 415])
      expect(seen).toContain(status)
    expect(server.process().exitCode).toBeNull()
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  }, 600_000)

  it("leaves the database with every invariant holding", async () => {
    await server.stop()
    const checking = store()
    try {
      expect(await checking.runPromise(invariantViolations)).toEqual([])
    } finally {
      await checking.dispose()
    }
  })
})
