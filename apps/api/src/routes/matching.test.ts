/**
 * Matching an address book to members, privacy first: only a member who chose
 * to be findable by email is shown as "on kontakt", with a pre-written request;
 * a member who did not reads exactly like an email nobody has, in the list and
 * when a request claims the entry; nobody is told of an import; and once the
 * request is accepted, the entry's categories and note move onto the contact
 * record and the entry goes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

type Member = Awaited<ReturnType<TestApp["signup"]>>

interface Entry {
  id: string
  displayName: string
  emails: string[]
  categoryIds: string[]
  note: string
  onKontakt: {
    member: { handle: string; displayName: string }
    relationship: string
    draft: { message: string; foundVia: { kind: string; source: string } }
  } | null
}

const csv = (rows: readonly (readonly [string, string, string])[]) =>
  [
    "First Name,Last Name,Email Address",
    ...rows.map(([first, last, email]) => `${first},${last},${email}`),
  ].join("\n")
const importCsv = async (m: Member, text: string) => {
  const res = await t.call(
    "POST",
    `/v1/imports?mapping=${encodeURIComponent(JSON.stringify({ firstName: "First Name", lastName: "Last Name", emails: ["Email Address"] }))}`,
    { cookie: m.cookie, raw: text, headers: { "content-type": "text/csv" } },
  )
  expect(res.status).toBe(200)
}
const book = async (m: Member) => {
  const res = await t.call("GET", "/v1/address-book", { cookie: m.cookie })
  expect(res.status).toBe(200)
  return ((await res.json()) as { items: Entry[] }).items
}
/** What an entry shows, apart from what makes it that entry (its id, name and email). */
const shape = (e: Entry | undefined) => {
  if (e === undefined) return undefined
  const { id: _id, displayName: _name, emails: _emails, ...rest } = e
  return rest
}
const whatTheyHear = async (m: Member) => {
  const [notifications, incoming, me] = await Promise.all(
    ["/v1/notifications", "/v1/requests/incoming", "/v1/me"].map((path) =>
      Promise.resolve(t.call("GET", path, { cookie: m.cookie })).then((r) => r.json()),
    ),
  )
  return { notifications, incoming, me }
}

describe("matching an address book to members", () => {
  it("shows only members findable by email as on kontakt; one who is not reads exactly like an unknown email, and neither hears of the import", async () => {
    const sandra = await t.signup("sandra", { settings: { locale: "de" } })
    const jana = await t.signup("jana", {
      displayName: "Jana Jung",
      settings: { findableByEmail: true },
    })
    const olaf = await t.signup("olaf", { displayName: "Olaf Ohm" })
    const before = { jana: await whatTheyHear(jana), olaf: await whatTheyHear(olaf) }
    await importCsv(
      sandra,
      csv([
        ["Jana", "Jung", jana.email.toUpperCase()],
        ["Olaf", "Ohm", olaf.email],
        ["Nora", "Niemand", "nora-nobody@example.org"],
      ]),
    )
    const entries = await book(sandra)
    const [janaEntry, noraEntry, olafEntry] = entries
    expect(entries.map((e) => e.displayName)).toEqual(["Jana Jung", "Nora Niemand", "Olaf Ohm"])
    expect(janaEntry?.onKontakt).toEqual({
      member: expect.objectContaining({ handle: jana.handle, displayName: "Jana Jung" }),
      relationship: "none",
      draft: {
        message:
          "Hallo Jana, wir kennen uns schon – lass uns auch hier auf kontakt in Verbindung bleiben.",
        foundVia: { kind: "import", source: "csv" },
      },
    })
    // Not findable and not on kontakt at all: the same answer, to the byte.
    expect(JSON.stringify(shape(olafEntry))).toBe(JSON.stringify(shape(noraEntry)))
    const one = async (e: Entry | undefined) =>
      shape(
        (await (
          await t.call("GET", `/v1/address-book/${e?.id}`, { cookie: sandra.cookie })
        ).json()) as Entry,
      )
    expect(JSON.stringify(await one(olafEntry))).toBe(JSON.stringify(await one(noraEntry)))

    // A request claiming the entry: to the member who is not findable it fails exactly as
    // to a member whose email no entry holds.
    const claim = (handle: string) =>
      t.call("POST", "/v1/requests", {
        cookie: sandra.cookie,
        body: { to: handle, message: "Hallo", foundVia: { kind: "import", source: "csv" } },
      })
    const stranger = await t.signup("stranger")
    const toOlaf = await claim(olaf.handle)
    const toStranger = await claim(stranger.handle)
    expect(toOlaf.status).toBe(404)
    expect(await toOlaf.text()).toBe(await toStranger.text())

    // Nobody is told anything of the import, findable or not.
    expect({ jana: await whatTheyHear(jana), olaf: await whatTheyHear(olaf) }).toEqual(before)
  })

  it("sends the pre-written request; on accept the entry's categories and note move onto the contact record, and the entry goes", async () => {
    const sandra = await t.signup("sandra", { settings: { locale: "de" } })
    const jana = await t.signup("jana", {
      displayName: "Jana Jung",
      settings: { findableByEmail: true },
    })
    const kunden = (await (
      await t.call("POST", "/v1/categories", { cookie: sandra.cookie, body: { name: "Kunden" } })
    ).json()) as { id: string }
    await importCsv(sandra, csv([["Jana", "Jung", jana.email]]))
    const [entry] = await book(sandra)
    const patched = await t.call("PATCH", `/v1/address-book/${entry?.id}`, {
      cookie: sandra.cookie,
      body: { categoryIds: [kunden.id], note: "Messe Köln 2019." },
    })
    expect(patched.status).toBe(200)
    const draft = entry?.onKontakt?.draft
    const sent = await t.call("POST", "/v1/requests", {
      cookie: sandra.cookie,
      body: { to: jana.handle, message: draft?.message, foundVia: draft?.foundVia },
    })
    expect(sent.status).toBe(201)
    expect((await book(sandra))[0]?.onKontakt?.relationship).toBe("requestSent")
    const incoming = (await (
      await t.call("GET", "/v1/requests/incoming", { cookie: jana.cookie })
    ).json()) as { items: { id: string; foundVia: unknown; message: string }[] }
    expect(incoming.items[0]).toMatchObject({
      foundVia: { kind: "import", source: "csv" },
      message: draft?.message,
    })
    const accepted = await t.call("POST", `/v1/requests/${incoming.items[0]?.id}/accept`, {
      cookie: jana.cookie,
      body: {},
    })
    expect(accepted.status).toBe(200)
    const contact = (await (
      await t.call("GET", `/v1/contacts/${jana.handle}`, { cookie: sandra.cookie })
    ).json()) as { categoryIds: string[]; note: string }
    expect(contact.categoryIds).toEqual([kunden.id])
    expect(contact.note).toBe(`Messe Köln 2019.\nMeine Anfrage: „${draft?.message}“`)
    expect(await book(sandra)).toEqual([])
    // Jana's record says where Sandra knows her from; never Sandra's curation.
    const theirs = (await (
      await t.call("GET", `/v1/contacts/${sandra.handle}`, { cookie: jana.cookie })
    ).json()) as { note: string; categoryIds: string[] }
    expect(theirs.categoryIds).toEqual([])
    expect(theirs.note).toContain("Knows me from an address book.")
    expect(theirs.note).not.toContain("Messe")
  })

  it("turning findability off takes the badge away at once; a block hides it too, and a request from the entry cannot tell", async () => {
    const sandra = await t.signup("sandra")
    const jana = await t.signup("jana", { settings: { findableByEmail: true } })
    await importCsv(sandra, csv([["Jana", "Jung", jana.email]]))
    expect((await book(sandra))[0]?.onKontakt).not.toBeNull()
    await t.call("PATCH", "/v1/me", {
      cookie: jana.cookie,
      body: { settings: { findableByEmail: false } },
    })
    expect((await book(sandra))[0]?.onKontakt).toBeNull()
    await t.call("PATCH", "/v1/me", {
      cookie: jana.cookie,
      body: { settings: { findableByEmail: true } },
    })
    expect((await book(sandra))[0]?.onKontakt).not.toBeNull()
    const blocked = await t.call("POST", `/v1/members/${sandra.handle}/block`, {
      cookie: jana.cookie,
    })
    expect(blocked.status).toBeLessThan(300)
    expect((await book(sandra))[0]?.onKontakt).toBeNull()
    // A request claiming the entry cannot tell the block either: it fails as to a stranger.
    const stranger = await t.signup("stranger")
    const claim = (handle: string) =>
      t.call("POST", "/v1/requests", {
        cookie: sandra.cookie,
        body: { to: handle, message: "Hallo", foundVia: { kind: "import", source: "csv" } },
      })
    const toJana = await claim(jana.handle)
    expect(toJana.status).toBe(404)
    expect(await toJana.text()).toBe(await (await claim(stranger.handle)).text())
  })

  it("is off by default, in settings and in what the member sees of themselves", async () => {
    const newcomer = await t.signup("newcomer")
    const me = (await (await t.call("GET", "/v1/me", { cookie: newcomer.cookie })).json()) as {
      settings: { findableByEmail: boolean }
    }
    expect(me.settings.findableByEmail).toBe(false)
  })
})
