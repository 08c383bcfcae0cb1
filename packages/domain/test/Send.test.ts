import { describe, expect, it } from "vitest"
import { makePolicy, sendRequest, weeklyLimitFreesAt } from "../src/index.js"
import { days, err, ok, recipient, request, sendContext, sender, T0 } from "./support/fixtures.js"

const hello = { message: "Hallo Bob!", foundVia: { kind: "group" as const, groupId: "k" } }

describe("sendRequest", () => {
  it("creates a pending request and tells the recipient", () => {
    const { state, events } = ok(sendRequest(hello, sendContext()))
    expect(state._tag).toBe("Sent")
    if (state._tag !== "Sent") return
    expect(state.request).toMatchObject({
      id: "r-new",
      from: "ada",
      to: "bob",
      state: "pending",
      message: "Hallo Bob!",
    })
    expect(state.verdict.mode).toBe("manual")
    expect(events.map((e) => e._tag)).toEqual(["RequestSent"])
  })

  it("keeps the sender's own categories with the request, and refuses categories not theirs", () => {
    const { state } = ok(sendRequest({ ...hello, categoryIds: ["c-ada", "c-ada"] }, sendContext()))
    if (state._tag !== "Sent") throw new Error("expected Sent")
    expect(state.request.senderCategoryIds).toEqual(["c-ada"])
    expect(state.verdict.reasons.some((r) => r.rule === "introducedByContact")).toBe(false)
    expect(err(sendRequest({ ...hello, categoryIds: ["c-bob"] }, sendContext()))).toMatchObject({
      _tag: "CategoryNotFound",
      categoryId: "c-bob",
    })
  })

  it("auto-accepted or crossing, each side's chosen categories land on their own record", () => {
    const auto = ok(
      sendRequest(
        { ...hello, categoryIds: ["c-ada"] },
        sendContext({ recipient: recipient({ acceptance: { mode: "acceptAll" } }) }),
      ),
    ).state
    if (auto._tag !== "Connected") throw new Error("expected Connected")
    expect(auto.connection.records.map((r) => [r.owner, r.categoryIds])).toEqual([
      ["ada", ["c-ada"]],
      ["bob", []],
    ])
    const theirs = request({ id: "r-bob", from: "bob", to: "ada", senderCategoryIds: ["c-bob"] })
    const crossed = ok(
      sendRequest(
        { ...hello, categoryIds: ["c-ada"] },
        sendContext({ between: { openFromRecipient: theirs } }),
      ),
    ).state
    if (crossed._tag !== "Connected") throw new Error("expected Connected")
    expect(crossed.connection.records.map((r) => [r.owner, r.categoryIds])).toEqual([
      ["ada", ["c-ada"]],
      ["bob", ["c-bob"]],
    ])
  })

  it("refuses a request to oneself", () => {
    expect(err(sendRequest(hello, sendContext({ recipient: recipient({ id: "ada" }) })))._tag).toBe(
      "CannotTargetSelf",
    )
  })

  it("answers MemberNotFound for a missing member and for a block, identically", () => {
    const missing = err(sendRequest(hello, sendContext({ recipient: null })))
    const blocked = err(sendRequest(hello, sendContext({ between: { blocked: true } })))
    expect(missing).toEqual(blocked)
    expect(blocked._tag).toBe("MemberNotFound")
  })

  it("a block outranks every other refusal, so nothing leaks about the pair", () => {
    const e = err(
      sendRequest(
        { message: null, foundVia: null },
        sendContext({
          recipient: recipient({ requireMessage: true, whoCanRequest: "sharedGroup" }),
          between: { blocked: true, connected: true, openFromSender: request() },
        }),
      ),
    )
    expect(e._tag).toBe("MemberNotFound")
  })

  it("refuses when already connected", () => {
    expect(err(sendRequest(hello, sendContext({ between: { connected: true } })))._tag).toBe(
      "AlreadyConnected",
    )
  })

  it("refuses a second open request, also when the first was ignored", () => {
    for (const state of ["pending", "ignored"] as const) {
      const e = err(
        sendRequest(hello, sendContext({ between: { openFromSender: request({ state }) } })),
      )
      expect(e).toMatchObject({ _tag: "RequestAlreadyOpen", requestId: "r1" })
    }
  })

  it("expires a stale own request instead of refusing", () => {
    const stale = request({ createdAt: days(-181) })
    const { state, events } = ok(
      sendRequest(hello, sendContext({ between: { openFromSender: stale } })),
    )
    expect(state._tag).toBe("Sent")
    expect(state.expired.map((r) => [r.id, r.state])).toEqual([["r1", "expired"]])
    expect(events.map((e) => e._tag)).toEqual(["RequestExpired", "RequestSent"])
  })

  it("crossing: sending to someone who asked you accepts their request", () => {
    const theirs = request({
      id: "r-theirs",
      from: "bob",
      to: "ada",
      state: "ignored",
      foundVia: null,
    })
    const { state, events } = ok(
      sendRequest(hello, sendContext({ between: { openFromRecipient: theirs } })),
    )
    expect(state._tag).toBe("Connected")
    if (state._tag !== "Connected") return
    expect(state.how).toBe("crossed")
    expect(state.request).toMatchObject({ id: "r-theirs", state: "accepted" })
    expect([state.connection.a, state.connection.b]).toEqual(["ada", "bob"])
    expect(events.map((e) => e._tag)).toEqual(["RequestAccepted", "ConnectionMade"])
  })

  it("crossing ignores the rules that guard new requests", () => {
    const theirs = request({ id: "r-theirs", from: "bob", to: "ada" })
    const ctx = sendContext({
      recipient: recipient({ requireMessage: true, whoCanRequest: "sharedGroup" }),
      sender: sender({ recentSends: Array.from({ length: 100 }, () => T0) }),
      between: { openFromRecipient: theirs, lastWithdrawalBySender: days(-1) },
    })
    expect(ok(sendRequest({ message: null, foundVia: null }, ctx)).state._tag).toBe("Connected")
  })

  it("a stale crossing request does not connect", () => {
    const theirs = request({ id: "r-theirs", from: "bob", to: "ada", createdAt: days(-200) })
    const { state } = ok(
      sendRequest(hello, sendContext({ between: { openFromRecipient: theirs } })),
    )
    expect(state._tag).toBe("Sent")
    expect(state.expired.map((r) => r.id)).toEqual(["r-theirs"])
  })

  it("requires a message when the recipient asks for one", () => {
    const ctx = sendContext({ recipient: recipient({ requireMessage: true }) })
    expect(err(sendRequest({ message: null, foundVia: null }, ctx))._tag).toBe("MessageRequired")
    expect(ok(sendRequest(hello, ctx)).state._tag).toBe("Sent")
  })

  it("whoCanRequest contactsOfContacts needs a mutual contact", () => {
    const ctx = (mutualCount: number) =>
      sendContext({
        recipient: recipient({ whoCanRequest: "contactsOfContacts" }),
        between: { mutualCount },
      })
    expect(err(sendRequest(hello, ctx(0)))).toMatchObject({
      _tag: "RequestNotAllowed",
      requires: "contactsOfContacts",
    })
    expect(ok(sendRequest(hello, ctx(1))).state._tag).toBe("Sent")
  })

  it("whoCanRequest sharedGroup needs a shared group", () => {
    const ctx = (sharedGroupCount: number) =>
      sendContext({
        recipient: recipient({ whoCanRequest: "sharedGroup" }),
        between: { sharedGroupCount },
      })
    expect(err(sendRequest(hello, ctx(0)))).toMatchObject({
      _tag: "RequestNotAllowed",
      requires: "sharedGroup",
    })
    expect(ok(sendRequest(hello, ctx(2))).state._tag).toBe("Sent")
  })

  it("waits 21 days after a withdrawal, and says until when", () => {
    const withdrawn = days(-20)
    const e = err(
      sendRequest(hello, sendContext({ between: { lastWithdrawalBySender: withdrawn } })),
    )
    expect(e).toMatchObject({ _tag: "CooldownActive", until: days(1) })
    const later = sendContext({ between: { lastWithdrawalBySender: days(-21) } })
    expect(ok(sendRequest(hello, later)).state._tag).toBe("Sent")
  })

  it("allows 100 sends in a rolling week and says when the 101st frees up", () => {
    const sends = Array.from(
      { length: 100 },
      (_, i) => new Date(T0.getTime() - (i + 1) * 3_600_000),
    )
    const e = err(sendRequest(hello, sendContext({ sender: sender({ recentSends: sends }) })))
    // The oldest of the 100 was 100 hours ago; it leaves the 7-day window 7 days after it was sent.
    expect(e).toMatchObject({
      _tag: "RateLimited",
      limit: 100,
      retryAt: days(7, new Date(T0.getTime() - 100 * 3_600_000)),
    })
    const ninetyNine = sends.slice(1)
    expect(
      ok(sendRequest(hello, sendContext({ sender: sender({ recentSends: ninetyNine }) }))).state
        ._tag,
    ).toBe("Sent")
  })

  it("sends older than the window do not count", () => {
    const old = Array.from({ length: 150 }, () => days(-8))
    expect(
      ok(sendRequest(hello, sendContext({ sender: sender({ recentSends: old }) }))).state._tag,
    ).toBe("Sent")
  })

  it("caps open outgoing requests at 500", () => {
    const e = err(sendRequest(hello, sendContext({ sender: sender({ openOutgoingCount: 500 }) })))
    expect(e).toMatchObject({ _tag: "TooManyOpenRequests", limit: 500 })
    expect(
      ok(sendRequest(hello, sendContext({ sender: sender({ openOutgoingCount: 499 }) }))).state
        ._tag,
    ).toBe("Sent")
  })

  it("caps connections at 30,000 on either side", () => {
    expect(
      err(sendRequest(hello, sendContext({ sender: sender({ connectionCount: 30_000 }) })))._tag,
    ).toBe("ConnectionLimitReached")
    expect(
      err(sendRequest(hello, sendContext({ recipient: recipient({ connectionCount: 30_000 }) })))
        ._tag,
    ).toBe("ConnectionLimitReached")
  })

  it("every limit comes from the policy", () => {
    const policy = makePolicy({
      weeklyRequestLimit: 2,
      maxOpenOutgoingRequests: 1,
      withdrawCooldownDays: 1,
    })
    const two = sendContext({ policy, sender: sender({ recentSends: [days(-1), days(-2)] }) })
    expect(err(sendRequest(hello, two))._tag).toBe("RateLimited")
    expect(
      err(sendRequest(hello, sendContext({ policy, sender: sender({ openOutgoingCount: 1 }) })))
        ._tag,
    ).toBe("TooManyOpenRequests")
    expect(
      ok(sendRequest(hello, sendContext({ policy, between: { lastWithdrawalBySender: days(-1) } })))
        .state._tag,
    ).toBe("Sent")
  })

  it("acceptAll connects at once, and the request was never pending", () => {
    const ctx = sendContext({ recipient: recipient({ acceptance: { mode: "acceptAll" } }) })
    const { state, events } = ok(sendRequest(hello, ctx))
    expect(state._tag).toBe("Connected")
    if (state._tag !== "Connected") return
    expect(state.how).toBe("autoAccepted")
    expect(state.request.state).toBe("accepted")
    expect(events.map((e) => e._tag)).toEqual(["RequestAccepted", "ConnectionMade"])
    expect(events[0]).toMatchObject({ automatically: true })
  })

  it("criteria with autoAccept connects only when every rule holds", () => {
    const acceptance = {
      mode: "criteria" as const,
      autoAccept: true,
      rules: {
        photo: true,
        sharedGroup: true,
        message: false,
        minMutualContacts: 0,
        openToNetworking: false,
        introducedByContact: false,
      },
    }
    const pass = sendContext({
      recipient: recipient({ acceptance }),
      between: { sharedGroupCount: 1 },
    })
    expect(ok(sendRequest(hello, pass)).state._tag).toBe("Connected")
    const fail = sendContext({
      recipient: recipient({ acceptance }),
      between: { sharedGroupCount: 0 },
    })
    const { state } = ok(sendRequest(hello, fail))
    expect(state._tag).toBe("Sent")
    if (state._tag === "Sent") {
      expect(state.verdict.reasons.find((r) => r.rule === "sharedGroup")).toMatchObject({
        passed: false,
        required: true,
      })
    }
  })
})

describe("weeklyLimitFreesAt", () => {
  it("is null while a slot is free", () => {
    expect(weeklyLimitFreesAt([T0], T0, makePolicy({ weeklyRequestLimit: 2 }))).toBeNull()
  })
  it("names the moment the oldest counted send leaves the window", () => {
    const policy = makePolicy({ weeklyRequestLimit: 2 })
    expect(weeklyLimitFreesAt([days(-3), days(-1), days(-2)], T0, policy)).toEqual(days(5))
  })
})
