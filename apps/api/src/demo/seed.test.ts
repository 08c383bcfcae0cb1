import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../test-support.js"
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from "./seed.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

describe("the demo network", () => {
  it("has at least 200 members, photos, groups, connections, pending and ignored requests, categories and notes", async () => {
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
    // Seeding twice changes nothing.
    expect(await t.runtimeRun(seedDemo())).toMatchObject({ created: false })
    // And the demo account signs in.
    const login = await t.call("POST", "/v1/auth/login", {
      body: { email: DEMO_EMAIL, password: DEMO_PASSWORD },
    })
    expect(login.status).toBe(200)
  }, 60_000)
})
