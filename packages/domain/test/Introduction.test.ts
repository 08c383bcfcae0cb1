import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  type AskContext,
  AskIntroductionInput,
  askerView,
  askIntroduction,
  declineIntroduction,
  defaultPolicy,
  ForwardIntroductionInput,
  forwardIntroduction,
  type Introduction,
  sendRequest,
} from "../src/index.js"
import { days, err, ok, recipient, request, sendContext, T0 } from "./support/fixtures.js"

const askContext = (over: Partial<AskContext> = {}): AskContext => ({
  now: T0,
  policy: defaultPolicy,
  newId: "i-new",
  asker: "ada",
  target: "carl",
  via: { id: "bob", isContact: true, isMutual: true },
  connected: false,
  openRequest: null,
  openAsk: null,
  recentAsks: [],
  ...over,
})
const why = { message: "Ich möchte Carl wegen der Messe kennenlernen." }
const asked = (over: Partial<AskContext> = {}) => ok(askIntroduction(why, askContext(over))).state
const forwarding = {
  actor: "bob",
  viaHandle: "bob",
  stillContact: true,
  now: days(1),
  policy: defaultPolicy,
}

describe("askIntroduction", () => {
  it("asks a mutual contact and tells only them", () => {
    const { state, events } = ok(askIntroduction(why, askContext()))
    expect(state).toMatchObject({
      id: "i-new",
      asker: "ada",
      via: "bob",
      target: "carl",
      state: "pending",
    })
    expect(events).toMatchObject([{ _tag: "IntroductionAsked", via: "bob", target: "carl" }])
  })

  it("refuses whom the asker cannot ask, each with its reason", () => {
    const tag = (over: Partial<AskContext>) => err(askIntroduction(why, askContext(over)))._tag
    expect(tag({ target: "ada" })).toBe("CannotTargetSelf")
    expect(tag({ via: { id: "ada", isContact: false, isMutual: false } })).toBe("CannotTargetSelf")
    expect(tag({ target: null })).toBe("MemberNotFound")
    expect(tag({ via: null })).toBe("ContactNotFound")
    expect(tag({ via: { id: "bob", isContact: false, isMutual: true } })).toBe("ContactNotFound")
    expect(tag({ via: { id: "bob", isContact: true, isMutual: false } })).toBe(
      "IntroducerNotOnPath",
    )
    expect(tag({ via: { id: "carl", isContact: true, isMutual: true } })).toBe(
      "IntroducerNotOnPath",
    )
    expect(tag({ connected: true })).toBe("AlreadyConnected")
    expect(tag({ openRequest: request({ from: "carl", to: "ada" }) })).toBe("RequestAlreadyOpen")
  })

  it("may ask the first step on the path to a member further away, but no one else off the path", () => {
    const firstHop = { id: "bob", isContact: true, isMutual: false, isFirstHop: true }
    expect(asked({ via: firstHop }).via).toBe("bob")
    expect(
      err(askIntroduction(why, askContext({ via: { ...firstHop, isFirstHop: false } })))._tag,
    ).toBe("IntroducerNotOnPath")
  })

  it("a declined ask blocks a second one exactly as a pending one does, until both lapse", () => {
    const pending = asked()
    const declined = ok(declineIntroduction(pending, forwarding)).state
    for (const now of [days(2), days(29)]) {
      expect(err(askIntroduction(why, askContext({ now, openAsk: pending })))).toEqual(
        err(askIntroduction(why, askContext({ now, openAsk: declined }))),
      )
    }
    expect(
      ok(askIntroduction(why, askContext({ now: days(30), openAsk: pending }))).state.state,
    ).toBe("pending")
    expect(
      ok(askIntroduction(why, askContext({ now: days(30), openAsk: declined }))).state.state,
    ).toBe("pending")
  })

  it("keeps to the weekly limit of the policy", () => {
    const recentAsks = Array.from({ length: defaultPolicy.weeklyIntroductionLimit }, (_, i) =>
      days(-i / 10),
    )
    const e = err(askIntroduction(why, askContext({ recentAsks })))
    expect(e).toMatchObject({ _tag: "WeeklyLimitReached", what: "introductions", limit: 10 })
    expect(ok(askIntroduction(why, askContext({ recentAsks, now: days(7) }))).state.state).toBe(
      "pending",
    )
  })

  it("input: needs a reason, within the message limit", () => {
    expect(AskIntroductionInput.safeParse({ via: "bob", to: "carl", message: "  " }).success).toBe(
      false,
    )
    expect(
      AskIntroductionInput.safeParse({ via: "bob", to: "carl", message: "x".repeat(301) }).success,
    ).toBe(false)
    expect(AskIntroductionInput.parse({ via: "Bob", to: "carl", message: " Messe " })).toEqual({
      via: "bob",
      to: "carl",
      message: "Messe",
    })
    expect(ForwardIntroductionInput.safeParse({ note: "x".repeat(501) }).success).toBe(false)
  })
})

describe("forwardIntroduction", () => {
  it("turns the ask into the asker's request, found through the introducer, with their note", () => {
    const { state, events } = ok(
      forwardIntroduction(asked(), { note: "Carl, das ist Ada." }, forwarding),
    )
    expect(state.introduction.state).toBe("forwarded")
    expect(state.send).toEqual({
      message: why.message,
      foundVia: { kind: "introduction", via: "bob" },
      introduction: { by: "bob", note: "Carl, das ist Ada." },
    })
    expect(events.map((e) => e._tag)).toEqual(["IntroductionForwarded"])
  })

  it("the target's verdict says a contact introduced them, and criteria can require it", () => {
    const { send } = ok(forwardIntroduction(asked(), { note: null }, forwarding)).state
    const acceptance = {
      mode: "criteria" as const,
      autoAccept: true,
      rules: {
        photo: false,
        sharedGroup: false,
        message: false,
        minMutualContacts: 0,
        openToNetworking: false,
        introducedByContact: true,
      },
    }
    const context = sendContext({ recipient: recipient({ id: "carl", acceptance }) })
    const introduced = ok(sendRequest(send, context)).state
    expect(introduced._tag).toBe("Connected")
    const direct = ok(sendRequest({ message: why.message, foundVia: null }, context)).state
    expect(direct._tag).toBe("Sent")
    if (direct._tag !== "Sent") return
    expect(direct.verdict.reasons.find((r) => r.rule === "introducedByContact")?.passed).toBe(false)
    expect(direct.request.introduction).toBeNull()
  })

  it("a forwarded request skips the asker's weekly request limit (introductions have their own)", () => {
    const { send } = ok(forwardIntroduction(asked(), { note: null }, forwarding)).state
    const limited = sendContext({
      sender: { ...sendContext().sender, recentSends: Array.from({ length: 100 }, () => T0) },
      now: days(1),
    })
    expect(err(sendRequest({ message: "x", foundVia: null }, limited))._tag).toBe("RateLimited")
    expect(ok(sendRequest(send, limited)).state._tag).toBe("Sent")
  })

  it("only the introducer, only while it waits, only while they know both", () => {
    const ask = asked()
    expect(
      err(forwardIntroduction(ask, { note: null }, { ...forwarding, actor: "carl" }))._tag,
    ).toBe("IntroductionNotFound")
    const forwarded = ok(forwardIntroduction(ask, { note: null }, forwarding)).state.introduction
    expect(err(forwardIntroduction(forwarded, { note: null }, forwarding))._tag).toBe(
      "IntroductionNotFound",
    )
    const declined = ok(declineIntroduction(ask, forwarding)).state
    expect(err(forwardIntroduction(declined, { note: null }, forwarding))._tag).toBe(
      "IntroductionNotFound",
    )
    expect(
      err(forwardIntroduction(ask, { note: null }, { ...forwarding, now: days(30) }))._tag,
    ).toBe("IntroductionNotFound")
    expect(
      err(forwardIntroduction(ask, { note: null }, { ...forwarding, stillContact: false }))._tag,
    ).toBe("ContactNotFound")
  })
})

describe("declineIntroduction", () => {
  it("is silent: the asker's view of a declined ask equals that of a pending one, at every moment", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 29 }),
        (at, declinedAt) => {
          const ask: Introduction = asked()
          const declined = ok(
            declineIntroduction(ask, { ...forwarding, now: days(declinedAt) }),
          ).state
          expect(askerView(declined, days(at), defaultPolicy)).toEqual(
            askerView(ask, days(at), defaultPolicy),
          )
        },
      ),
    )
  })

  it("only the introducer may decline, and only once", () => {
    const ask = asked()
    expect(err(declineIntroduction(ask, { ...forwarding, actor: "ada" }))._tag).toBe(
      "IntroductionNotFound",
    )
    const declined = ok(declineIntroduction(ask, forwarding))
    expect(declined.events.map((e) => e._tag)).toEqual(["IntroductionDeclined"])
    expect(err(declineIntroduction(declined.state, forwarding))._tag).toBe("IntroductionNotFound")
  })

  it("the asker sees pending, forwarded or lapsed — never declined", () => {
    const ask = asked()
    expect(askerView(ask, days(1), defaultPolicy).state).toBe("pending")
    expect(askerView(ask, days(30), defaultPolicy).state).toBe("lapsed")
    const forwarded = ok(forwardIntroduction(ask, { note: null }, forwarding)).state.introduction
    expect(askerView(forwarded, days(400), defaultPolicy).state).toBe("forwarded")
  })
})
