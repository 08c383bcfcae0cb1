import SwaggerParser from "@apidevtools/swagger-parser"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "./test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1 according to a real validator", async () => {
    const doc = await (await t.call("GET", "/v1/openapi.json")).json()
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy()
  })

  it("states every endpoint of the contract this API serves", async () => {
    const doc = (await (await t.call("GET", "/v1/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    const expected = [
      "post /v1/auth/signup",
      "post /v1/auth/login",
      "post /v1/auth/logout",
      "get /v1/me",
      "patch /v1/me",
      "put /v1/me/photo",
      "delete /v1/me/photo",
      "post /v1/tokens",
      "get /v1/tokens",
      "delete /v1/tokens/{id}",
      "get /v1/members",
      "get /v1/members/{handle}",
      "get /v1/members/{handle}/photo",
      "get /v1/members/{handle}/posts",
      "post /v1/members/{handle}/block",
      "delete /v1/members/{handle}/block",
      "get /v1/blocks",
      "get /v1/groups",
      "post /v1/groups",
      "get /v1/groups/{id}",
      "post /v1/groups/{id}/join",
      "post /v1/groups/{id}/leave",
      "get /v1/groups/{id}/members",
      "post /v1/requests",
      "get /v1/requests/incoming",
      "get /v1/requests/outgoing",
      "post /v1/requests/{id}/accept",
      "post /v1/requests/{id}/ignore",
      "post /v1/requests/{id}/withdraw",
      "post /v1/introductions",
      "get /v1/introductions/incoming",
      "get /v1/introductions/outgoing",
      "post /v1/introductions/{id}/forward",
      "post /v1/introductions/{id}/decline",
      "post /v1/members/{handle}/recommend",
      "get /v1/contacts",
      "get /v1/contacts/{handle}",
      "patch /v1/contacts/{handle}",
      "delete /v1/contacts/{handle}",
      "get /v1/categories",
      "post /v1/categories",
      "patch /v1/categories/{id}",
      "delete /v1/categories/{id}",
      "get /v1/reviews/due",
      "post /v1/reviews",
      "get /v1/reviews/history",
      "get /v1/feed",
      "post /v1/posts",
      "get /v1/posts/{id}",
      "delete /v1/posts/{id}",
      "post /v1/posts/{id}/like",
      "delete /v1/posts/{id}/like",
      "post /v1/posts/{id}/comments",
      "get /v1/posts/{id}/comments",
      "post /v1/posts/{id}/share",
      "post /v1/posts/{id}/flag",
      "delete /v1/posts/{id}/flag",
      "get /v1/notifications",
      "post /v1/notifications/read",
      // The address book: bring your network, take it with you.
      "post /v1/imports",
      "get /v1/address-book",
      "get /v1/address-book/{id}",
      "patch /v1/address-book/{id}",
      "delete /v1/address-book/{id}",
      "get /v1/contacts/export",
      "post /v1/invitations",
      "get /v1/invitations",
      "delete /v1/invitations/{id}",
    ]
    const actual = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    )
    for (const route of expected) expect(actual).toContain(route)
  })

  it("the reference at /docs loads from local assets only", async () => {
    const page = await (await t.call("GET", "/docs")).text()
    const sources = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "")
    expect(sources.length).toBeGreaterThan(0)
    for (const src of sources) {
      expect(src.startsWith("/docs/assets/")).toBe(true)
      const asset = await t.call("GET", src)
      expect(asset.status, src).toBe(200)
      expect((await asset.arrayBuffer()).byteLength, src).toBeGreaterThan(10)
    }
  })

  it("/healthz answers when the database does", async () => {
    const res = await t.call("GET", "/healthz")
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: "ok" })
  })
})
