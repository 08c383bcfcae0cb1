import { describe, expect, it } from "vitest"
import { badge, UNREAD_COUNTED, unreadBadge } from "./badges.js"

describe("the navigation's badges", () => {
  it("show nothing for none, the count, and n+ where the list had more", () => {
    expect([badge(0, false), badge(7, false), badge(100, true)]).toEqual(["", "7", "100+"])
  })

  it("show 99+ for the unread notifications from the API's limit on", () => {
    expect([0, 1, 99, UNREAD_COUNTED].map(unreadBadge)).toEqual(["", "1", "99", "99+"])
  })
})
