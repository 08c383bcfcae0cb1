/**
 * Invitations over HTTP: links for entries, emails or to pass on, shown once;
 * the preview an invitee sees; signing up through one connects the two (the
 * entry's curation moves onto the inviter's record) or, declined, changes
 * nothing the inviter can see; single use, expiry, revocation; nobody else's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

type Member = Awaited<ReturnType<TestApp["signup"]>>
interface Created {
  id: string
  entryId: string | null
  email: string | null
  message: string | null
  status: string
  secret: string
  url: string
  expiresAt: string
}

let seq = 0
const invite = async (m: Member, body: Record<string, unknown>) => {
  const res = await t.call("POST", "/v1/invitations", { cookie: m.cookie, body })
  expect(res.status).toBe(201)
  return ((await res.json()) as { items: Created[] }).items
}
const listed = async (m: Member) => {
  const res = await t.call("GET", "/v1/invitations", { cookie: m.cookie })
  expect(res.status).toBe(200)
  return ((await res.json()) as { items: Omit<Created, "secret" | "url">[] }).items
}
const preview = (secret: string) => t.call("POST", "/v1/auth/invitation", { body: { secret } })
const signUpThrough = async (name: string, secret: string, connect: boolean) => {
  const handle = `${name}${++seq}`
  const res = await t.call("POST", "/v1/auth/signup", {
    headers: { "X-Test-Address": `10.77.0.${seq}` },
    body: {
      email: `${handle}@example.org`,
      password: "correct horse battery",
      handle,
      displayName: `${name} Neu`,
      invitation: { secret, connect },
    },
  })
  return { res, handle, cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "" }
}

describe("invitations", () => {
  it("signing up through an entry's link connects the two, with the entry's curation on the inviter's record; the inviter is told", async () => {
    const sandra = await t.signup("sandra", { settings: { locale: "de" } })
    const kunden = (await (
      await t.call("POST", "/v1/categories", { cookie: sandra.cookie, body: { name: "Kunden" } })
    ).json()) as { id: string }
    await t.call("POST", "/v1/imports", {
      cookie: sandra.cookie,
      raw: "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Paul Neu\r\nEMAIL:paul@example.org\r\nCATEGORIES:Kunden\r\nEND:VCARD\r\n",
      headers: { "content-type": "text/vcard" },
    })
    const entries = (await (
      await t.call("GET", "/v1/address-book", { cookie: sandra.cookie })
    ).json()) as {
      items: { id: string }[]
    }
    const [link] = await invite(sandra, {
      entryIds: [entries.items[0]?.id],
      message: "Komm zu kontakt!",
    })
    expect(link).toMatchObject({
      entryId: entries.items[0]?.id,
      email: "paul@example.org",
      status: "open",
    })
    expect(link?.url).toBe(
      `http://localhost/signup#invitation=${encodeURIComponent(link?.secret ?? "")}`,
    )

    const shown = await preview(link?.secret ?? "")
    expect(shown.status).toBe(200)
    expect(await shown.json()).toEqual({
      inviter: expect.objectContaining({ handle: sandra.handle, displayName: "Sandra" }),
      message: "Komm zu kontakt!",
      expiresAt: link?.expiresAt,
    })

    const paul = await signUpThrough("paul", link?.secret ?? "", true)
    expect(paul.res.status).toBe(201)
    const record = (await (
      await t.call("GET", `/v1/contacts/${paul.handle}`, { cookie: sandra.cookie })
    ).json()) as { categoryIds: string[]; note: string }
    expect(record.categoryIds).toEqual([kunden.id])
    expect(record.note).toBe("Aus meinem Adressbuch (vCard).\nMeine Einladung: „Komm zu kontakt!“")
    const theirs = (await (
      await t.call("GET", `/v1/contacts/${sandra.handle}`, { cookie: paul.cookie })
    ).json()) as { note: string }
    expect(theirs.note).toBe("Invited me to kontakt.\nMessage: “Komm zu kontakt!”")
    expect(
      (
        (await (await t.call("GET", "/v1/address-book", { cookie: sandra.cookie })).json()) as {
          items: unknown[]
        }
      ).items,
    ).toEqual([])
    expect((await listed(sandra)).map((i) => i.status)).toEqual(["accepted"])
    const told = (await (
      await t.call("GET", "/v1/notifications", { cookie: sandra.cookie })
    ).json()) as {
      items: { kind: string; actor: { handle: string } }[]
    }
    expect(told.items).toContainEqual(
      expect.objectContaining({
        kind: "requestAccepted",
        actor: expect.objectContaining({ handle: paul.handle }),
      }),
    )
  })

  it("is used once: a second sign-up through it answers 404 and makes no account", async () => {
    const ina = await t.signup("ina")
    const [link] = await invite(ina, { message: "" })
    expect((await signUpThrough("first", link?.secret ?? "", true)).res.status).toBe(201)
    // Every table as it was, but the sign-up attempt counted against the address.
    const tables = async () => ({ ...(await t.snapshot()), login_attempts: 0 })
    const before = await tables()
    const second = await signUpThrough("second", link?.secret ?? "", true)
    expect(second.res.status).toBe(404)
    expect(await tables()).toEqual(before)
    expect((await preview(link?.secret ?? "")).status).toBe(404)
  })

  it("declined at sign-up: no connection, nobody told, and the inviter's list reads as if unused until it expires", async () => {
    const ina = await t.signup("ina")
    const [used, unused] = await invite(ina, {
      emails: ["a@example.org", "b@example.org"],
      message: "Hallo",
    })
    const toldBefore = await (
      await t.call("GET", "/v1/notifications", { cookie: ina.cookie })
    ).text()
    const eve = await signUpThrough("eve", used?.secret ?? "", false)
    expect(eve.res.status).toBe(201)
    const list = await listed(ina)
    const strip = (i: (typeof list)[number] | undefined) => ({
      ...i,
      id: undefined,
      email: undefined,
    })
    expect(strip(list.find((i) => i.id === used?.id))).toEqual(
      strip(list.find((i) => i.id === unused?.id)),
    )
    expect(await (await t.call("GET", "/v1/notifications", { cookie: ina.cookie })).text()).toBe(
      toldBefore,
    )
    expect((await t.call("GET", `/v1/contacts/${eve.handle}`, { cookie: ina.cookie })).status).toBe(
      404,
    )
    // The link is spent all the same.
    expect((await signUpThrough("again", used?.secret ?? "", true)).res.status).toBe(404)
  })

  it("revoked or expired, a link signs nobody up; revoking is the inviter's alone", async () => {
    const ina = await t.signup("ina")
    const other = await t.signup("other")
    const [revoked, lapsing] = await invite(ina, {
      emails: ["r@example.org", "x@example.org"],
      message: "",
    })
    const foreign = await t.call("DELETE", `/v1/invitations/${revoked?.id}`, {
      cookie: other.cookie,
    })
    const unknown = await t.call("DELETE", "/v1/invitations/nope", { cookie: other.cookie })
    expect(foreign.status).toBe(404)
    expect(await foreign.text()).toBe(await unknown.text())
    expect(
      (await t.call("DELETE", `/v1/invitations/${revoked?.id}`, { cookie: ina.cookie })).status,
    ).toBe(204)
    expect((await signUpThrough("late", revoked?.secret ?? "", true)).res.status).toBe(404)
    expect((await preview(lapsing?.secret ?? "")).status).toBe(200)
    t.advanceDays(30)
    expect((await preview(lapsing?.secret ?? "")).status).toBe(404)
    expect((await signUpThrough("later", lapsing?.secret ?? "", true)).res.status).toBe(404)
    // A session lasts 30 days too.
    const back = await t.relogin(ina)
    expect((await listed(back)).map((i) => i.status).sort()).toEqual(["expired", "revoked"])
    expect(await listed(await t.relogin(other))).toEqual([])
  })

  it("refuses another member's entry like one that does not exist, and bad input with 400", async () => {
    const ina = await t.signup("ina")
    const owner = await t.signup("owner")
    await t.call("POST", "/v1/imports", {
      cookie: owner.cookie,
      raw: "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Paul Neu\r\nEMAIL:paul@example.org\r\nEND:VCARD\r\n",
      headers: { "content-type": "text/vcard" },
    })
    const theirs = (await (
      await t.call("GET", "/v1/address-book", { cookie: owner.cookie })
    ).json()) as {
      items: { id: string }[]
    }
    const foreign = await t.call("POST", "/v1/invitations", {
      cookie: ina.cookie,
      body: { entryIds: [theirs.items[0]?.id], message: "" },
    })
    const missing = await t.call("POST", "/v1/invitations", {
      cookie: ina.cookie,
      body: { entryIds: ["nope"], message: "" },
    })
    expect(foreign.status).toBe(404)
    expect(await foreign.text()).toBe(await missing.text())
    for (const body of [
      { emails: ["not an email"], message: "" },
      { message: "x".repeat(301) },
      { emails: [] },
    ])
      expect((await t.call("POST", "/v1/invitations", { cookie: ina.cookie, body })).status).toBe(
        400,
      )
    expect(await listed(ina)).toEqual([])
  })
})
