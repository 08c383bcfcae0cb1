import { describe, expect, it } from "vitest"
import {
  acceptRequest,
  type BlockContext,
  blockMember,
  deleteAccount,
  unblockMember,
} from "../src/index.js"
import { acceptContext, days, err, ok, request } from "./support/fixtures.js"

const connection = ok(acceptRequest(request(), {}, acceptContext())).state.connection
const ctx = (over: Partial<BlockContext> = {}): BlockContext => ({
  actor: "bob",
  now: days(5),
  memberExists: true,
  blockedByActor: false,
  blockedByTarget: false,
  connection: null,
  requests: [],
  ...over,
})

describe("blockMember", () => {
  it("removes the connection and open requests, silently", () => {
    const open = request({ id: "r2", state: "ignored" })
    const done = request({ id: "r3", state: "withdrawn" })
    const { state, events } = ok(blockMember("ada", ctx({ connection, requests: [open, done] })))
    expect(state.block).toEqual({ by: "bob", member: "ada", at: days(5) })
    expect(state.connectionRemoved).toBe(true)
    expect(state.discarded.map((r) => [r.id, r.state])).toEqual([["r2", "discarded"]])
    expect(events.map((e) => e._tag)).toEqual([
      "MemberBlocked",
      "ConnectionRemoved",
      "RequestDiscarded",
    ])
  })

  it("blocking a stranger only records the block", () => {
    expect(ok(blockMember("ada", ctx())).events.map((e) => e._tag)).toEqual(["MemberBlocked"])
  })

  it("someone who blocked you, or no one, is MemberNotFound", () => {
    expect(err(blockMember("ada", ctx({ blockedByTarget: true })))._tag).toBe("MemberNotFound")
    expect(err(blockMember("ada", ctx({ memberExists: false })))._tag).toBe("MemberNotFound")
  })

  it("blocking twice or oneself is refused", () => {
    expect(err(blockMember("ada", ctx({ blockedByActor: true })))._tag).toBe("AlreadyBlocked")
    expect(err(blockMember("bob", ctx()))._tag).toBe("CannotTargetSelf")
  })
})

describe("unblockMember", () => {
  it("lifts one's own block only", () => {
    expect(
      ok(unblockMember("ada", { actor: "bob", now: days(6), blockedByActor: true })).events.map(
        (e) => e._tag,
      ),
    ).toEqual(["MemberUnblocked"])
    expect(
      err(unblockMember("ada", { actor: "bob", now: days(6), blockedByActor: false }))._tag,
    ).toBe("MemberNotFound")
  })
})

describe("deleteAccount", () => {
  it("removes every connection and open request silently", () => {
    const { state, events } = ok(
      deleteAccount({
        actor: "ada",
        now: days(9),
        contacts: ["bob", "carla"],
        requests: [request(), request({ id: "x", state: "accepted" })],
      }),
    )
    expect(state.discarded.map((r) => r.id)).toEqual(["r1"])
    expect(events.map((e) => e._tag)).toEqual([
      "ConnectionRemoved",
      "ConnectionRemoved",
      "RequestDiscarded",
      "AccountDeleted",
    ])
    expect(events[0]).toMatchObject({ reason: "accountDeleted" })
    expect(events.at(-1)).toMatchObject({ member: "ada" })
  })
})
