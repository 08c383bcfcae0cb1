import { describe, expect, it } from "vitest"
import { acceptRequest, makePolicy, recordOf } from "../src/index.js"
import { acceptContext, days, err, ok, request } from "./support/fixtures.js"

describe("acceptRequest", () => {
  it("makes one connection with a record on each side", () => {
    const { state, events } = ok(
      acceptRequest(request(), { categoryIds: ["c-kunden"] }, acceptContext()),
    )
    expect(state.request).toMatchObject({ state: "accepted", updatedAt: days(1) })
    const { connection } = state
    expect([connection.a, connection.b]).toEqual(["ada", "bob"])
    expect(recordOf(connection, "bob")).toMatchObject({
      contact: "ada",
      categoryIds: ["c-kunden"],
      muted: false,
    })
    expect(recordOf(connection, "ada")).toMatchObject({ contact: "bob", categoryIds: [] })
    expect(events.map((e) => e._tag)).toEqual(["RequestAccepted", "ConnectionMade"])
  })

  it("marks the recipient's record when their policy accepted for them, never the sender's", () => {
    const byHand = ok(acceptRequest(request(), {}, acceptContext())).state.connection
    expect(recordOf(byHand, "bob")?.acceptedAutomatically).toBe(false)
    const auto = ok(acceptRequest(request(), {}, acceptContext(), true))
    expect(recordOf(auto.state.connection, "bob")?.acceptedAutomatically).toBe(true)
    expect(recordOf(auto.state.connection, "ada")?.acceptedAutomatically).toBe(false)
    expect(auto.events[0]).toMatchObject({ _tag: "RequestAccepted", automatically: true })
  })

  it("pre-fills the recipient's note from how they were found and the message, in their language", () => {
    const { state } = ok(acceptRequest(request(), {}, acceptContext()))
    expect(recordOf(state.connection, "bob")?.note).toBe(
      "Hat mich in der Gruppe Netzwerken K. gefunden.\nNachricht: „Hallo Bob, habe Dich in der Gruppe K. gefunden.“",
    )
  })

  it("pre-fills the sender's note from how they found them and their own message", () => {
    const { state } = ok(acceptRequest(request(), {}, acceptContext()))
    expect(recordOf(state.connection, "ada")?.note).toBe(
      "Found in the group “Netzwerken K.”.\nMy request: “Hallo Bob, habe Dich in der Gruppe K. gefunden.”",
    )
  })

  it("puts the categories the sender chose when sending on the sender's record, those they still own", () => {
    const chosen = request({ senderCategoryIds: ["c-ada", "c-gone"] })
    const { state } = ok(acceptRequest(chosen, {}, acceptContext()))
    expect(recordOf(state.connection, "ada")?.categoryIds).toEqual(["c-ada"])
    expect(recordOf(state.connection, "bob")?.categoryIds).toEqual([])
  })

  it("an introduced request's note says who introduced them and what they wrote", () => {
    const introduced = request({
      foundVia: { kind: "introduction", via: "carl" },
      introduction: { by: "carl", note: "Ada kennt sich mit Messen aus." },
      message: "Hallo Bob!",
    })
    const { state } = ok(acceptRequest(introduced, {}, acceptContext()))
    expect(recordOf(state.connection, "bob")?.note).toBe(
      "Wurde mir von @carl vorgestellt.\nDazu: „Ada kennt sich mit Messen aus.“\nNachricht: „Hallo Bob!“",
    )
    expect(recordOf(state.connection, "ada")?.note).toBe(
      "Introduced by @carl.\nMy request: “Hallo Bob!”",
    )
  })

  it("keeps a note the recipient wrote", () => {
    const { state } = ok(acceptRequest(request(), { note: "Trainer aus Köln" }, acceptContext()))
    expect(recordOf(state.connection, "bob")?.note).toBe("Trainer aus Köln")
  })

  it("accepts an ignored request", () => {
    expect(
      ok(acceptRequest(request({ state: "ignored" }), {}, acceptContext())).state.request.state,
    ).toBe("accepted")
  })

  it("only the recipient may accept; anyone else does not see the request", () => {
    expect(err(acceptRequest(request(), {}, acceptContext({ actor: "ada" })))._tag).toBe(
      "RequestNotFound",
    )
    expect(err(acceptRequest(request(), {}, acceptContext({ actor: "eve" })))._tag).toBe(
      "RequestNotFound",
    )
  })

  it("a request no longer open is, to its recipient, one that does not exist", () => {
    for (const state of ["accepted", "withdrawn", "expired", "discarded"] as const) {
      expect(err(acceptRequest(request({ state }), {}, acceptContext()))).toEqual(
        err(acceptRequest(request(), {}, acceptContext({ actor: "someone-else" }))),
      )
      expect(err(acceptRequest(request({ state }), {}, acceptContext()))._tag).toBe(
        "RequestNotFound",
      )
    }
  })

  it("treats a request past its age as gone even before a sweep", () => {
    const e = err(acceptRequest(request(), {}, acceptContext({ now: days(180) })))
    expect(e._tag).toBe("RequestNotFound")
    expect(
      ok(acceptRequest(request(), {}, acceptContext({ now: days(179) }))).state.request.state,
    ).toBe("accepted")
  })

  it("refuses when the pair is connected already", () => {
    expect(err(acceptRequest(request(), {}, acceptContext({ connected: true })))._tag).toBe(
      "AlreadyConnected",
    )
  })

  it("refuses categories that are not the recipient's", () => {
    const e = err(acceptRequest(request(), { categoryIds: ["someone-elses"] }, acceptContext()))
    expect(e).toMatchObject({ _tag: "CategoryNotFound", categoryId: "someone-elses" })
  })

  it("refuses when either side is at the connection cap", () => {
    const policy = makePolicy({ maxConnections: 5 })
    const full = {
      id: "ada",
      locale: "en" as const,
      connectionCount: 5,
      broadcastConnections: true,
    }
    expect(err(acceptRequest(request(), {}, acceptContext({ sender: full }, policy)))._tag).toBe(
      "ConnectionLimitReached",
    )
  })

  it("broadcasts the connection only when both sides allow it", () => {
    const quiet = {
      id: "ada",
      locale: "en" as const,
      connectionCount: 0,
      broadcastConnections: false,
    }
    const { events } = ok(acceptRequest(request(), {}, acceptContext({ sender: quiet })))
    expect(events[1]).toMatchObject({ _tag: "ConnectionMade", broadcast: false })
    const loud = ok(acceptRequest(request(), {}, acceptContext()))
    expect(loud.events[1]).toMatchObject({ _tag: "ConnectionMade", broadcast: true })
  })

  it("orders the pair by id whoever sent", () => {
    const reverse = request({ from: "bob", to: "ada" })
    const ctx = acceptContext({
      actor: "ada",
      sender: { id: "bob", locale: "de", connectionCount: 0, broadcastConnections: true },
      recipient: { id: "ada", locale: "en", connectionCount: 0, broadcastConnections: true },
      ownedCategoryIds: new Set(),
    })
    const { connection } = ok(acceptRequest(reverse, {}, ctx)).state
    expect([connection.a, connection.b]).toEqual(["ada", "bob"])
    expect(connection.records.map((r) => r.owner)).toEqual(["ada", "bob"])
  })
})
