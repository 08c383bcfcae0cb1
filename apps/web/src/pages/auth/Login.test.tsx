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

  it("judges as a browser does: backslashes, encoded or not, and control characters", () => {
    const origin = "https://kontakt.example"
    expect(safeNext("/\\evil.example", origin)).toBe("/")
    expect(safeNext("/\\/evil.example/x", origin)).toBe("/")
    expect(safeNext("/\t/evil.example", origin)).toBe("/")
    expect(safeNext("/\n/evil.example", origin)).toBe("/")
    // Left encoded, %5C is a path segment on this site.
    expect(safeNext("/%5Cevil.example", origin)).toBe("/%5Cevil.example")
    expect(new URL(safeNext("/%5Cevil.example", origin), origin).origin).toBe(origin)
    expect(safeNext("/contacts?open=ada#top", origin)).toBe("/contacts?open=ada#top")
  })
})
