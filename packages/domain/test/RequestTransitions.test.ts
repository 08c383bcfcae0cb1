import { describe, expect, it } from "vitest"
import {
  defaultPolicy,
  expireRequest,
  ignoreRequest,
  senderView,
  withdrawRequest,
} from "../src/index.js"
import { days, err, ok, request } from "./support/fixtures.js"

describe("ignoreRequest", () => {
  it("moves a pending request to ignored, for the recipient only", () => {
    const { state, events } = ok(ignoreRequest(request(), { actor: "bob", now: days(1) }))
    expect(state.state).toBe("ignored")
    expect(events.map((e) => e._tag)).toEqual(["RequestIgnored"])
    expect(err(ignoreRequest(request(), { actor: "ada", now: days(1) }))._tag).toBe(
      "RequestNotFound",
    )
  })

  it("ignoring twice changes nothing", () => {
    const ignored = request({ state: "ignored", updatedAt: days(1) })
    const { state, events } = ok(ignoreRequest(ignored, { actor: "bob", now: days(2) }))
    expect(state).toEqual(ignored)
    expect(events).toEqual([])
  })

  it("a request no longer open is, to its recipient, one that does not exist", () => {
    for (const state of ["accepted", "withdrawn", "expired", "discarded"] as const) {
      expect(err(ignoreRequest(request({ state }), { actor: "bob", now: days(1) }))).toEqual(
        err(ignoreRequest(request(), { actor: "someone-else", now: days(1) })),
      )
    }
  })

  it("the sender's view of an ignored request is that of a pending one", () => {
    const pending = request()
    const ignored = ok(ignoreRequest(pending, { actor: "bob", now: days(3) })).state
    expect(senderView(ignored)).toEqual(senderView(pending))
    expect(JSON.stringify(senderView(ignored))).not.toContain("ignored")
  })
})

describe("withdrawRequest", () => {
  it("withdraws pending and ignored requests, for the sender only", () => {
    for (const state of ["pending", "ignored"] as const) {
      const { state: next, events } = ok(
        withdrawRequest(request({ state }), { actor: "ada", now: days(1) }),
      )
      expect(next.state).toBe("withdrawn")
      expect(events.map((e) => e._tag)).toEqual(["RequestWithdrawn"])
    }
    expect(err(withdrawRequest(request(), { actor: "bob", now: days(1) }))._tag).toBe(
      "RequestNotFound",
    )
  })

  it("refuses final requests; one a block took away is gone, as one to a deleted member is", () => {
    for (const state of ["accepted", "withdrawn", "expired"] as const) {
      expect(
        err(withdrawRequest(request({ state }), { actor: "ada", now: days(1) })),
      ).toMatchObject({ _tag: "RequestNotOpen", state })
    }
    expect(
      err(withdrawRequest(request({ state: "discarded" }), { actor: "ada", now: days(1) }))._tag,
    ).toBe("RequestNotFound")
  })
})

describe("expireRequest", () => {
  it("expires open requests once 180 days old", () => {
    for (const state of ["pending", "ignored"] as const) {
      const { state: next, events } = ok(
        expireRequest(request({ state }), { now: days(180), policy: defaultPolicy }),
      )
      expect(next.state).toBe("expired")
      expect(events.map((e) => e._tag)).toEqual(["RequestExpired"])
    }
  })

  it("refuses younger requests and says when they expire", () => {
    expect(err(expireRequest(request(), { now: days(179), policy: defaultPolicy }))).toMatchObject({
      _tag: "RequestNotExpired",
      expiresAt: days(180),
    })
  })

  it("refuses final requests", () => {
    for (const state of ["accepted", "withdrawn", "expired", "discarded"] as const) {
      expect(
        err(expireRequest(request({ state }), { now: days(400), policy: defaultPolicy }))._tag,
      ).toBe("RequestNotOpen")
    }
  })
})
