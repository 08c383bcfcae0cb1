import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../test-support.js"
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from "./seed.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

describe("the demo network", () => {
  it("has at least 200 members, photos, groups, connections over two years, pending and ignored requests, categories, notes, news, and Sandra's review due", async () => {
    const count = (table: string, where = "1 = 1") =>
      t
        .query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`)
        .then((r) => Number(r[0]?.["n"] ?? 0))
    const result = await t.runtimeRun(seedDemo())
    expect(result).toMatchObject({ created: true })
    expect(await count("members")).toBeGreaterThanOrEqual(200)
    expect(await count("photos")).toBeGreaterThan(100)
    expect(await count("groups")).toBeGreaterThanOrEqual(5)
    expect(await count("contacts", "owner_id < contact_id")).toBeGreaterThan(300)
    expect(await count("requests", "state = 'pending'")).toBeGreaterThan(10)
    expect(await count("requests", "state = 'ignored'")).toBeGreaterThan(10)
    expect(await count("contact_categories")).toBeGreaterThan(10)
    expect(await count("contacts", "note <> ''")).toBeGreaterThan(100)
    // The demo account has an inbox to work through.
    expect(
      await count(
        "requests r JOIN members m ON m.id = r.to_id",
        "m.email = 'sandra@kontakt.example' AND r.state = 'pending'",
      ),
    ).toBeGreaterThan(3)
    // Connections made over the past two years, not all at once.
    const [span] = await t.query(
      "SELECT MIN(connected_at) AS first, MAX(connected_at) AS last FROM contacts",
    )
    const days =
      (Date.parse(String(span?.["last"])) - Date.parse(String(span?.["first"]))) / 86_400_000
    expect(days).toBeGreaterThan(600)
    // Sandra is open to networking and has a photo.
    const sandra = await t.call("POST", "/v1/auth/login", {
      body: { email: DEMO_EMAIL, password: DEMO_PASSWORD },
    })
    const cookie = (sandra.headers.get("set-cookie") ?? "").split(";")[0] ?? ""
    const me = (await (await t.call("GET", "/v1/me", { cookie })).json()) as {
      openToNetworking: boolean
      hasPhoto: boolean
    }
    expect(me).toMatchObject({ openToNetworking: true, hasPhoto: true })
    // Her review has contacts due from the first sign-in: some who spread odd news she
    // flagged (advised to go), some whose posts she liked, some quiet.
    const due = (await (await t.call("GET", "/v1/reviews/due?limit=100", { cookie })).json()) as {
      items: {
        signals: { postsSeen: number; postsFlagged: number; myInteractions: number }
        recommendation: string
      }[]
    }
    expect(due.items.length).toBeGreaterThan(20)
    const flagged = due.items.filter((i) => i.signals.postsFlagged > 0)
    expect(flagged.length).toBeGreaterThan(2)
    expect(flagged.some((i) => i.recommendation !== "keep")).toBe(true)
    expect(due.items.filter((i) => i.signals.myInteractions > 0).length).toBeGreaterThan(2)
    expect(due.items.filter((i) => i.signals.postsSeen === 0).length).toBeGreaterThan(2)
    // Her feed has news of the last months.
    const news = (await (await t.call("GET", "/v1/feed", { cookie })).json()) as {
      items: { kind: string }[]
    }
    expect(news.items.filter((i) => i.kind === "post").length).toBeGreaterThan(5)
    // Introductions and recommendations in flight: asks waiting for her, her own, one to her.
    const get = async <T>(path: string) =>
      (await (await t.call("GET", path, { cookie })).json()) as T
    const waiting = await get<{ items: unknown[] }>("/v1/introductions/incoming")
    expect(waiting.items.length).toBe(2)
    const mine = await get<{ items: { state: string }[] }>("/v1/introductions/outgoing")
    expect(mine.items.map((i) => i.state)).toEqual(["pending"])
    const told = await get<{ items: { kind: string; recommendation?: { note: string } }[] }>(
      "/v1/notifications",
    )
    expect(told.items.find((n) => n.kind === "memberRecommended")?.recommendation?.note).toBe(
      "Sandra, Ihr solltet Euch kennen!",
    )
    const categories = await get<{ items: { name: string; lessNews: boolean }[] }>("/v1/categories")
    expect(categories.items.find((c) => c.name === "Presse")?.lessNews).toBe(true)
    // Seeding twice changes nothing.
    expect(await t.runtimeRun(seedDemo())).toMatchObject({ created: false })
    // And the demo account signs in.
    const login = await t.call("POST", "/v1/auth/login", {
      body: { email: DEMO_EMAIL, password: DEMO_PASSWORD },
    })
    expect(login.status).toBe(200)
  }, 60_000)
})
