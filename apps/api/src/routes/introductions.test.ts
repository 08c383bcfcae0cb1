/**
 * Introductions and recommendations over HTTP: ask a mutual contact, the
 * introducer's inbox, forward (the target gets the asker's request with
 * "introduced by" in the verdict), decline (silent: byte-identical for the
 * asker, nothing at all for the target), blocks and hidden contact lists,
 * weekly limits, bad input; and recommending a member to contacts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

type Member = Awaited<ReturnType<TestApp["signup"]>>
const get = async (m: Member, path: string) => {
  const res = await t.call("GET", path, { cookie: m.cookie })
  expect(res.status, path).toBe(200)
  return res.text()
}
const json = async <T>(m: Member, path: string) => JSON.parse(await get(m, path)) as T
const ask = (
  m: Member,
  via: Member | string,
  to: Member | string,
  message = "Wegen der Messe in Köln",
) =>
  t.call("POST", "/v1/introductions", {
    cookie: m.cookie,
    body: {
      via: typeof via === "string" ? via : via.handle,
      to: typeof to === "string" ? to : to.handle,
      message,
    },
  })
const asked = async (m: Member, via: Member, to: Member) => {
  const res = await ask(m, via, to)
  expect(res.status).toBe(201)
  return ((await res.json()) as { introduction: { id: string; state: string } }).introduction
}
/** Ada, Bob and Carl: Ada and Carl both know Bob, not each other. */
const trio = async (prefix: string) => {
  const [ada, bob, carl] = [
    await t.signup(`${prefix}ada`),
    await t.signup(`${prefix}bob`, { displayName: `Bob ${prefix}` }),
    await t.signup(`${prefix}carl`),
  ]
  await t.connect(ada, bob)
  await t.connect(bob, carl)
  return { ada, bob, carl }
}

interface Incoming {
  items: {
    id: string
    from: { handle: string }
    message: string
    foundVia: unknown
    introduction: { by: { handle: string; displayName: string }; note: string | null } | null
    verdict: { recommendation: string; reasons: { rule: string; passed: boolean }[] }
  }[]
}

describe("introductions", () => {
  it("ask → the introducer's inbox → forward: the target gets the asker's request, introduced by them", async () => {
    const { ada, bob, carl } = await trio("i1")
    // Later than the connections' notifications, so that the newest is the ask's.
    t.advanceDays(1 / 1440)
    const ask1 = await asked(ada, bob, carl)
    expect(ask1.state).toBe("pending")
    const waiting = await json<{
      items: {
        id: string
        asker: { handle: string }
        target: { handle: string }
        message: string
      }[]
    }>(bob, "/v1/introductions/incoming")
    expect(waiting.items).toMatchObject([
      {
        id: ask1.id,
        asker: { handle: ada.handle },
        target: { handle: carl.handle },
        message: "Wegen der Messe in Köln",
      },
    ])
    const told = await json<{ items: { kind: string; actor: { handle: string } }[] }>(
      bob,
      "/v1/notifications",
    )
    expect(told.items[0]).toMatchObject({
      kind: "introductionAsked",
      actor: { handle: ada.handle },
    })
    // Carl hears nothing of an ask.
    expect((await json<Incoming>(carl, "/v1/requests/incoming")).items).toEqual([])

    t.advanceDays(1 / 1440)
    const fwd = await t.call("POST", `/v1/introductions/${ask1.id}/forward`, {
      cookie: bob.cookie,
      body: { note: "Carl, Ada baut Messestände – ihr solltet reden." },
    })
    expect(fwd.status).toBe(200)
    expect(await fwd.json()).toMatchObject({ introduction: { id: ask1.id, state: "forwarded" } })
    const inbox = await json<Incoming>(carl, "/v1/requests/incoming")
    expect(inbox.items).toHaveLength(1)
    const [request] = inbox.items
    expect(request).toMatchObject({
      from: { handle: ada.handle },
      message: "Wegen der Messe in Köln",
      foundVia: { kind: "introduction", via: bob.handle },
      introduction: {
        by: { handle: bob.handle, displayName: "Bob i1" },
        note: "Carl, Ada baut Messestände – ihr solltet reden.",
      },
    })
    expect(request?.verdict.recommendation).toBe("accept")
    expect(request?.verdict.reasons.find((r) => r.rule === "introducedByContact")).toMatchObject({
      passed: true,
    })
    const mine = await json<{ items: { id: string; state: string; via: { handle: string } }[] }>(
      ada,
      "/v1/introductions/outgoing",
    )
    expect(mine.items).toMatchObject([
      { id: ask1.id, state: "forwarded", via: { handle: bob.handle } },
    ])
    expect(
      (await json<{ items: { kind: string }[] }>(ada, "/v1/notifications")).items[0]?.kind,
    ).toBe("introductionForwarded")
    expect((await json<{ items: unknown[] }>(bob, "/v1/introductions/incoming")).items).toEqual([])
    // Accepting: Carl's note says who introduced Ada.
    const accepted = await t.call("POST", `/v1/requests/${request?.id}/accept`, {
      cookie: carl.cookie,
      body: {},
    })
    expect(accepted.status).toBe(200)
    expect(((await accepted.json()) as { contact: { note: string } }).contact.note).toContain(
      `@${bob.handle}`,
    )
  })

  it("a decline is silent: the asker's view is byte for byte as before, the target's too", async () => {
    const { ada, bob, carl } = await trio("i2")
    const ask1 = await asked(ada, bob, carl)
    const views = async () => ({
      outgoing: await get(ada, "/v1/introductions/outgoing"),
      asker: await get(ada, "/v1/notifications"),
      requests: await get(ada, "/v1/requests/outgoing"),
      target: await get(carl, "/v1/notifications"),
      targetInbox: await get(carl, "/v1/requests/incoming"),
      targetIgnored: await get(carl, "/v1/requests/incoming?state=ignored"),
      profile: await get(ada, `/v1/members/${carl.handle}`),
    })
    const before = await views()
    t.advanceDays(1)
    const declined = await t.call("POST", `/v1/introductions/${ask1.id}/decline`, {
      cookie: bob.cookie,
    })
    expect(declined.status).toBe(204)
    expect(await views()).toEqual(before)
    // Asking again reads exactly as while the first ask waits.
    const again = await ask(ada, bob, carl)
    expect(again.status).toBe(409)
    expect(((await again.json()) as { code: string }).code).toBe("IntroductionAlreadyOpen")
    expect((await json<{ items: unknown[] }>(bob, "/v1/introductions/incoming")).items).toEqual([])
    expect(
      (
        await t.call("POST", `/v1/introductions/${ask1.id}/forward`, {
          cookie: bob.cookie,
          body: {},
        })
      ).status,
    ).toBe(404)
    // Both read "lapsed" at the same moment, and then a new ask is possible.
    t.advanceDays(30)
    const later = await t.relogin(ada)
    const lapsed = await json<{ items: { state: string }[] }>(later, "/v1/introductions/outgoing")
    expect(lapsed.items.map((i) => i.state)).toEqual(["lapsed"])
    expect((await ask(later, bob, carl)).status).toBe(201)
  })

  it("never reveals a hidden contact list or a block; only the introducer acts on an ask", async () => {
    const { ada, bob, carl } = await trio("i3")
    const dora = await t.signup("i3dora")
    // Bob hides his contacts from strangers; Ada is his contact, so she still sees him as mutual.
    await t.call("PATCH", "/v1/me", {
      cookie: bob.cookie,
      body: { settings: { hideContacts: true } },
    })
    const ask1 = await asked(ada, bob, carl)
    // Dora is nobody's contact: whom she names, she learns nothing about.
    const strangers = [await ask(dora, bob, carl), await ask(dora, bob, "nobody-at-all")]
    for (const r of strangers) expect(r.status).toBe(404)
    // Carl blocks Ada: to Ada, Carl is as if he did not exist.
    await t.call("POST", `/v1/members/${ada.handle}/block`, { cookie: carl.cookie })
    const blocked = await ask(ada, bob, carl)
    const nobody = await ask(ada, bob, "nobody-at-all")
    expect([blocked.status, nobody.status]).toEqual([404, 404])
    expect(await blocked.text()).toBe(await nobody.text())
    // Bob forwards anyway: his answer is the same, and Carl receives nothing.
    const fwd = await t.call("POST", `/v1/introductions/${ask1.id}/forward`, {
      cookie: bob.cookie,
      body: {},
    })
    expect(fwd.status).toBe(200)
    expect((await json<Incoming>(carl, "/v1/requests/incoming")).items).toEqual([])
    // Nobody but the introducer may forward or decline.
    const ask2 = await asked(
      bob,
      carl,
      await (async () => {
        const eve = await t.signup("i3eve")
        await t.connect(carl, eve)
        return eve
      })(),
    )
    for (const who of [ada, bob, dora])
      for (const verb of ["forward", "decline"])
        expect(
          (
            await t.call("POST", `/v1/introductions/${ask2.id}/${verb}`, {
              cookie: who.cookie,
              body: {},
            })
          ).status,
        ).toBe(404)
  })

  it("refuses what cannot be asked, each with a clear answer, and keeps the weekly limit", async () => {
    const { ada, bob, carl } = await trio("i4")
    const cases: [Response | Promise<Response>, number, string][] = [
      [ask(ada, carl, bob), 404, "ContactNotFound"],
      [ask(ada, bob, ada), 400, "CannotTargetSelf"],
      [ask(ada, bob, bob), 409, "IntroducerNotOnPath"],
      [ask(ada, bob, carl, "   "), 400, "ValidationFailed"],
      [ask(ada, bob, carl, "x".repeat(301)), 400, "ValidationFailed"],
    ]
    for (const [res, status, code] of cases) {
      const r = await res
      expect(r.status).toBe(status)
      expect(((await r.json()) as { code: string }).code).toBe(code)
    }
    const bad = await t.call("POST", "/v1/introductions", {
      cookie: ada.cookie,
      body: { via: bob.handle },
    })
    expect(bad.status).toBe(400)
    expect((await json<{ items: unknown[] }>(ada, "/v1/introductions/outgoing")).items).toEqual([])
    // The weekly limit: ten asks, then 429 with a Retry-After.
    const others: Member[] = []
    for (let i = 0; i < 11; i++) {
      const m = await t.signup(`i4x${i}`)
      await t.connect(bob, m)
      others.push(m)
    }
    for (const m of others.slice(0, 10)) expect((await ask(ada, bob, m)).status).toBe(201)
    const limited = await ask(ada, bob, others[10] as Member)
    expect(limited.status).toBe(429)
    expect(limited.headers.get("retry-after")).not.toBeNull()
  })

  it("the first step on the path may pass an ask on to a member further away; the verdict counts only a contact", async () => {
    const { ada, bob, carl } = await trio("i6")
    const dana = await t.signup("i6dana")
    await t.connect(carl, dana) // ada — bob — carl — dana
    // Someone with no path from Ada: Bob is on no way to them.
    const offPath = await ask(ada, bob, await t.signup("i6eve"))
    expect(offPath.status).toBe(409)
    expect(((await offPath.json()) as { code: string }).code).toBe("IntroducerNotOnPath")
    const ask1 = await asked(ada, bob, dana)
    const fwd = await t.call("POST", `/v1/introductions/${ask1.id}/forward`, {
      cookie: bob.cookie,
      body: { note: "Über Carl kenne ich Dich" },
    })
    expect(fwd.status).toBe(200)
    const [request] = (await json<Incoming>(dana, "/v1/requests/incoming")).items
    expect(request).toMatchObject({
      from: { handle: ada.handle },
      introduction: { by: { handle: bob.handle }, note: "Über Carl kenne ich Dich" },
    })
    // Bob is not Dana's contact: no "introduced by a contact" among the verdict's reasons.
    expect(request?.verdict.reasons.some((r) => r.rule === "introducedByContact")).toBe(false)
    // Carl is not Ada's contact: only her own contacts can be asked.
    expect((await ask(ada, carl, dana)).status).toBe(404)
  })

  it("criteria can accept an introduced request at once", async () => {
    const { ada, bob, carl } = await trio("i5")
    await t.call("PATCH", "/v1/me", {
      cookie: carl.cookie,
      body: {
        settings: {
          acceptance: {
            mode: "criteria",
            autoAccept: true,
            rules: {
              photo: false,
              sharedGroup: false,
              message: false,
              minMutualContacts: 0,
              openToNetworking: false,
              introducedByContact: true,
            },
          },
        },
      },
    })
    const ask1 = await asked(ada, bob, carl)
    await t.call("POST", `/v1/introductions/${ask1.id}/forward`, { cookie: bob.cookie, body: {} })
    const contacts = await json<{
      items: { member: { handle: string }; acceptedAutomatically: boolean }[]
    }>(carl, "/v1/contacts")
    expect(contacts.items.find((c) => c.member.handle === ada.handle)).toMatchObject({
      acceptedAutomatically: true,
    })
  })
})

describe("recommendations", () => {
  it("tells the contacts named, with the note and a request to send; a block leaves one out silently", async () => {
    const [bob, ada, carl, dana] = [
      await t.signup("r1bob"),
      await t.signup("r1ada"),
      await t.signup("r1carl"),
      await t.signup("r1dana"),
    ]
    for (const m of [ada, carl, dana]) await t.connect(bob, m)
    await t.call("POST", `/v1/members/${dana.handle}/block`, { cookie: carl.cookie })
    const before = await get(carl, "/v1/notifications")
    t.advanceDays(1 / 1440)
    const res = await t.call("POST", `/v1/members/${dana.handle}/recommend`, {
      cookie: bob.cookie,
      body: { to: [ada.handle, carl.handle], note: "Dana kennt jeden auf der Messe." },
    })
    expect(res.status).toBe(204)
    const told = await json<{
      items: { kind: string; actor: { handle: string }; recommendation?: unknown }[]
    }>(ada, "/v1/notifications")
    expect(told.items[0]).toMatchObject({
      kind: "memberRecommended",
      actor: { handle: bob.handle },
      recommendation: {
        member: { handle: dana.handle },
        note: "Dana kennt jeden auf der Messe.",
        foundVia: { kind: "contact", handle: bob.handle },
      },
    })
    expect(await get(carl, "/v1/notifications")).toBe(before)
    // Dana is not told she was recommended.
    expect(
      (await json<{ items: { kind: string }[] }>(dana, "/v1/notifications")).items.some(
        (n) => n.kind === "memberRecommended",
      ),
    ).toBe(false)
  })

  it("refuses strangers as recipients and members one cannot see; bad bodies are 400", async () => {
    const [bob, ada, eve] = [
      await t.signup("r2bob"),
      await t.signup("r2ada"),
      await t.signup("r2eve"),
    ]
    await t.connect(bob, ada)
    const rec = (body: unknown, handle = eve.handle) =>
      t.call("POST", `/v1/members/${handle}/recommend`, { cookie: bob.cookie, body })
    expect((await rec({ to: [eve.handle] }, ada.handle)).status).toBe(404)
    expect((await rec({ to: [ada.handle] }, "nobody-at-all")).status).toBe(404)
    expect((await rec({ to: [ada.handle] }, bob.handle)).status).toBe(400)
    expect((await rec({ to: [] })).status).toBe(400)
    expect((await rec({ to: [ada.handle], note: "x".repeat(501) })).status).toBe(400)
    expect(
      (await json<{ items: { kind: string }[] }>(ada, "/v1/notifications")).items.some(
        (n) => n.kind === "memberRecommended",
      ),
    ).toBe(false)
  })
})
