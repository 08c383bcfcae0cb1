import { describe, expect, it } from "vitest"
import { safeNext } from "./Login.js"

describe("after signing in", () => {
  it("goes back only to a page of this app, never to another site", () => {
    expect(safeNext("/contacts?open=ada")).toBe("/contacts?open=ada")
    expect(safeNext("//evil.example/x")).toBe("/")
    expect(safeNext("https://evil.example")).toBe("/")
    expect(safeNext(undefined)).toBe("/")
    expect(safeNext(["/a"])).toBe("/")
  })
})
