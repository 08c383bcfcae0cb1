/**
 * The address book over HTTP: importing each format (raw body and multipart),
 * the report, idempotence, all-or-nothing on a broken file, the column
 * mapping, the size limit, filters and search, changes, and that nobody
 * reads or touches another member's entries (the same answer as for an id
 * that does not exist).
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

type Member = Awaited<ReturnType<TestApp["signup"]>>
const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, "..", "exchange", "fixtures", name))

interface Entry {
  id: string
  displayName: string
  emails: string[]
  urls: string[]
  company: string | null
  source: string
  categoryIds: string[]
  note: string
  importance: string
  connectedAt: string | null
  onKontakt: unknown
  reviewDueAt: string
}

const upload = (m: Member, bytes: Uint8Array | string, query = "") =>
  t.call("POST", `/v1/imports${query}`, {
    cookie: m.cookie,
    raw: bytes,
    headers: { "content-type": "text/csv" },
  })
const book = async (m: Member, query = "") => {
  const res = await t.call("GET", `/v1/address-book${query}`, { cookie: m.cookie })
  expect(res.status).toBe(200)
  return (await res.json()) as { items: Entry[]; nextCursor: string | null }
}

describe("POST /v1/imports/preview", () => {
  it("tells the format, a CSV's columns with a guessed mapping, then the first people and the report — writing nothing", async () => {
    const m = await t.signup("previewer")
    const before = await t.snapshot()
    const preview = (bytes: Uint8Array, query = "") =>
      t.call("POST", `/v1/imports/preview${query}`, {
        cookie: m.cookie,
        raw: bytes,
        headers: { "content-type": "text/csv" },
      })
    const unmapped = await preview(fixture("outlook-de.csv"))
    expect(unmapped.status).toBe(200)
    const columns = (await unmapped.json()) as { suggestedMapping: unknown }
    expect(columns).toEqual({
      format: "csv",
      columns: [
        "Vorname",
        "Nachname",
        "E-Mail-Adresse",
        "E-Mail 2",
        "Telefon",
        "Firma",
        "Position",
        "Kategorien",
      ],
      suggestedMapping: {
        firstName: "Vorname",
        lastName: "Nachname",
        company: "Firma",
        position: "Position",
        categories: "Kategorien",
        emails: ["E-Mail-Adresse", "E-Mail 2"],
        phones: ["Telefon"],
      },
      people: null,
      sample: [],
      report: null,
    })
    const mapped = await preview(
      fixture("outlook-de.csv"),
      `?mapping=${encodeURIComponent(JSON.stringify(columns.suggestedMapping))}`,
    )
    expect(await mapped.json()).toMatchObject({
      format: "csv",
      people: 2,
      sample: [
        { line: 2, displayName: "Jürgen Müller", company: "Messebau; Köln" },
        {
          line: 3,
          displayName: "Anna Schröder",
          emails: ["anna@schroeder.example", "anna.privat@example.org"],
        },
      ],
      report: { created: 2, merged: 0, unchanged: 0, skipped: [] },
    })
    const linkedin = await preview(fixture("Connections.csv"))
    expect(await linkedin.json()).toMatchObject({
      format: "linkedin",
      columns: null,
      people: 3,
      report: { created: 2, skipped: [{ line: 7, reason: "noName" }] },
    })
    expect(await t.snapshot()).toEqual(before)
    expect((await book(m)).items).toEqual([])
    const broken = await preview(new TextEncoder().encode("BEGIN:VCARD\r\nVERSION:4.0\r\n"))
    expect(broken.status).toBe(422)
  })
})

describe("POST /v1/imports", () => {
  it("imports a LinkedIn export: the report, the note in my language, and the same file again changes nothing", async () => {
    const sandra = await t.signup("sandra", { settings: { locale: "de" } })
    const res = await upload(sandra, fixture("Connections.csv"))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      format: "linkedin",
      created: 2,
      merged: 0,
      unchanged: 0,
      skipped: [{ line: 7, reason: "noName" }],
    })
    const first = await book(sandra)
    expect(first.items.map((e) => e.displayName)).toEqual(["Anna Schröder", "Jürgen Müller"])
    expect(first.items[1]).toMatchObject({
      emails: ["j.mueller@messebau-koeln.example"],
      urls: ["https://www.linkedin.com/in/jmueller"],
      company: "Messebau Köln GmbH",
      source: "linkedin",
      note: "Auf LinkedIn verbunden seit dem 04.03.2019.",
      connectedAt: "2019-03-04T00:00:00.000Z",
      importance: "normal",
    })
    const exported = await t.call("GET", "/v1/me/export", { cookie: sandra.cookie })
    const data = (await exported.json()) as { addressBook: Entry[] }
    expect(data.addressBook).toEqual(
      // What the list adds (the match, the due date under my cadence) is worked out, not kept.
      first.items.map(({ onKontakt: _match, reviewDueAt: _due, ...e }) =>
        expect.objectContaining({ ...e, phones: [], lastReviewedAt: null, snoozedUntil: null }),
      ),
    )
    const again = await upload(sandra, fixture("Connections.csv"))
    expect(await again.json()).toMatchObject({ created: 0, merged: 0, unchanged: 2 })
    expect(await book(sandra)).toEqual(first)
  })

  it("merges XING's vCards into the entries I have by email, and maps CATEGORIES to my categories", async () => {
    const m = await t.signup("merger")
    const res = await t.call("POST", "/v1/categories", {
      cookie: m.cookie,
      body: { name: "Kunden" },
    })
    const kunden = ((await res.json()) as { id: string }).id
    await upload(m, fixture("Connections.csv"))
    const xing = await upload(m, fixture("xing.vcf"))
    expect(xing.status).toBe(200)
    const report = (await xing.json()) as { format: string; created: number; merged: number }
    expect(report).toMatchObject({ format: "vcard", merged: 1 })
    const jurgen = (await book(m)).items.find((e) => e.displayName === "Jürgen Müller")
    expect(jurgen?.urls).toEqual([
      "https://www.linkedin.com/in/jmueller",
      "https://www.xing.com/profile/Juergen_Mueller",
    ])
    expect(jurgen?.categoryIds).toEqual([kunden])
    expect(jurgen?.source).toBe("linkedin")
    const fresh = await t.signup("xingonly")
    await upload(fresh, fixture("xing.vcf"))
    expect((await book(fresh)).items.every((e) => e.source === "xing")).toBe(true)
  })

  it("reads any CSV through a column mapping, as a raw body or the file part of a form", async () => {
    const m = await t.signup("mapper")
    const mapping = JSON.stringify({
      firstName: "Vorname",
      lastName: "Nachname",
      emails: ["E-Mail-Adresse", "E-Mail 2"],
      phones: ["Telefon"],
      company: "Firma",
    })
    const form = new FormData()
    form.set("file", new Blob([fixture("outlook-de.csv")], { type: "text/csv" }), "kontakte.csv")
    form.set("mapping", mapping)
    const res = await t.call("POST", "/v1/imports", { cookie: m.cookie, form })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ format: "csv", created: 2 })
    const raw = await upload(
      m,
      fixture("outlook-de.csv"),
      `?mapping=${encodeURIComponent(mapping)}`,
    )
    expect(await raw.json()).toMatchObject({ created: 0, unchanged: 2 })
    const found = await book(m, "?q=messebau")
    expect(found.items.map((e) => e.displayName)).toEqual(["Jürgen Müller"])
  })

  it("a file that cannot be read answers 422 with its line, and nothing of it is imported", async () => {
    const m = await t.signup("broken")
    await upload(m, fixture("Connections.csv"))
    const before = await book(m)
    const broken = `${fixture("apple.vcf").toString("utf8")}BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Neu Person\r\nEMAIL:neu@example.org\r\nBEGIN:VCARD\r\n`
    const res = await upload(m, broken)
    expect(res.status).toBe(422)
    const problem = (await res.json()) as {
      code: string
      detail: string
      errors: { path: string }[]
    }
    expect(problem.code).toBe("ImportUnreadable")
    expect(problem.errors[0]?.path).toMatch(/^line \d+$/)
    expect(problem.detail).toContain("Nothing was imported")
    expect(await book(m)).toEqual(before)

    const unmapped = await upload(m, fixture("outlook-de.csv"))
    expect(unmapped.status).toBe(422)
    expect(((await unmapped.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      "line 1",
    )
    const badMapping = await upload(m, fixture("outlook-de.csv"), "?mapping=%7Bnope")
    expect(badMapping.status).toBe(400)
    const empty = await upload(m, "")
    expect(empty.status).toBe(422)
    expect(await book(m)).toEqual(before)
  })

  it("refuses a file over 5 MiB before reading it", async () => {
    const m = await t.signup("big")
    const res = await upload(m, new Uint8Array(5 * 1024 * 1024 + 1).fill(65))
    expect(res.status).toBe(413)
    expect((await book(m)).items).toEqual([])
  })
})

describe("/v1/address-book", () => {
  it("pages by name, filters by category and none, and changes my curation", async () => {
    const m = await t.signup("curator")
    await upload(m, fixture("Connections.csv"))
    await upload(m, fixture("apple.vcf"))
    const res = await t.call("POST", "/v1/categories", {
      cookie: m.cookie,
      body: { name: "Messe" },
    })
    const messe = ((await res.json()) as { id: string }).id
    const all = await book(m)
    const first = await book(m, "?limit=1")
    expect(first.items).toEqual(all.items.slice(0, 1))
    const second = await book(m, `?limit=1&cursor=${first.nextCursor}`)
    expect(second.items).toEqual(all.items.slice(1, 2))
    const anna = all.items.find((e) => e.displayName === "Anna Schröder")
    const patched = await t.call("PATCH", `/v1/address-book/${anna?.id}`, {
      cookie: m.cookie,
      body: { categoryIds: [messe], importance: "high", note: "Steuerfragen" },
    })
    expect(patched.status).toBe(200)
    expect(await patched.json()).toMatchObject({
      categoryIds: [messe],
      importance: "high",
      note: "Steuerfragen",
    })
    expect((await book(m, `?category=${messe}`)).items.map((e) => e.id)).toEqual([anna?.id])
    expect((await book(m, "?category=uncategorized")).items.map((e) => e.id)).not.toContain(
      anna?.id,
    )
    expect((await book(m, "?q=steuerfragen")).items.map((e) => e.id)).toEqual([anna?.id])
    const bad = await t.call("PATCH", `/v1/address-book/${anna?.id}`, {
      cookie: m.cookie,
      body: { importance: "urgent" },
    })
    expect(bad.status).toBe(400)
    const deleted = await t.call("DELETE", `/v1/address-book/${anna?.id}`, { cookie: m.cookie })
    expect(deleted.status).toBe(204)
    expect((await book(m)).items.map((e) => e.id)).not.toContain(anna?.id)
  })

  it("another member's entry answers exactly as one that does not exist, and is left as it was", async () => {
    const owner = await t.signup("owner")
    const other = await t.signup("nosy")
    await upload(owner, fixture("Connections.csv"))
    const [entry] = (await book(owner)).items
    const answers = async (id: string) => {
      const out = []
      for (const [method, body] of [
        ["GET", undefined],
        ["PATCH", { note: "mine now" }],
        ["DELETE", undefined],
      ] as const) {
        const res = await t.call(method, `/v1/address-book/${id}`, {
          cookie: other.cookie,
          ...(body === undefined ? {} : { body }),
        })
        out.push({ status: res.status, body: await res.text() })
      }
      return out
    }
    expect(await answers(entry?.id ?? "")).toEqual(await answers("0000000000000000000000000"))
    expect((await book(other)).items).toEqual([])
    const res = await t.call("GET", `/v1/address-book/${entry?.id}`, { cookie: owner.cookie })
    expect(await res.json()).toEqual(entry)
  })
})

describe("GET /v1/contacts/export", () => {
  it("writes my contacts and entries as vCard 4.0 that re-imports to the same entries, and as CSV; by category too", async () => {
    const sandra = await t.signup("exporter")
    const olga = await t.signup("olga", { displayName: "Olga Orth" })
    await t.connect(sandra, olga)
    const res = await t.call("POST", "/v1/categories", {
      cookie: sandra.cookie,
      body: { name: "Kunden" },
    })
    const kunden = ((await res.json()) as { id: string }).id
    await t.call("PATCH", `/v1/contacts/${olga.handle}`, {
      cookie: sandra.cookie,
      body: { categoryIds: [kunden], note: "Messe 2024" },
    })
    await upload(sandra, fixture("Connections.csv"))
    const mine = (await book(sandra)).items
    const jurgen = mine.find((e) => e.displayName === "Jürgen Müller")
    await t.call("PATCH", `/v1/address-book/${jurgen?.id}`, {
      cookie: sandra.cookie,
      body: { categoryIds: [kunden] },
    })

    const vcf = await t.call("GET", "/v1/contacts/export?format=vcard", { cookie: sandra.cookie })
    expect(vcf.status).toBe(200)
    expect(vcf.headers.get("content-type")).toBe("text/vcard; charset=utf-8")
    expect(vcf.headers.get("content-disposition")).toMatch(/attachment; filename="kontakt-.*\.vcf"/)
    const cards = await vcf.text()
    expect(cards.match(/BEGIN:VCARD/g)?.length).toBe(3)
    expect(cards).toContain(`URL:http://localhost/members/${olga.handle}`)
    expect(cards).toContain("NOTE:Messe 2024")
    expect(cards).not.toContain(`${olga.handle}@example.org`)

    // Read back into an empty book: the same people, with the same details.
    const fresh = await t.signup("reimporter")
    const back = await upload(fresh, cards)
    expect(await back.json()).toMatchObject({ format: "vcard", created: 3 })
    const strip = (e: Entry) => ({
      displayName: e.displayName,
      emails: e.emails,
      urls: e.urls,
      company: e.company,
    })
    const again = (await book(fresh)).items
    expect(again.filter((e) => e.displayName !== "Olga Orth").map(strip)).toEqual(mine.map(strip))

    const csv = await t.call("GET", `/v1/contacts/export?format=csv&category=${kunden}`, {
      cookie: sandra.cookie,
    })
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8")
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = new TextDecoder().decode(bytes).split("\r\n")
    expect(rows[0]).toBe("Name,E-Mail,Telefon,Firma,Position,Profil,Kategorien,Notiz,Art")
    expect(rows.slice(1, -1).map((r) => r.split(",")[0])).toEqual(["Olga Orth", "Jürgen Müller"])
    const bad = await t.call("GET", "/v1/contacts/export?format=pdf", { cookie: sandra.cookie })
    expect(bad.status).toBe(400)
  })
})

describe("reviewing the address book", () => {
  it("lists entries due for review like contacts; keep, snooze and delete; nobody else's", async () => {
    const m = await t.signup("reviewer")
    const other = await t.signup("other")
    await t.call("POST", "/v1/imports", {
      cookie: m.cookie,
      raw: ["Alma Alt", "Bert Bau", "Cora Cent"]
        .map(
          (n) =>
            `BEGIN:VCARD\r\nVERSION:4.0\r\nFN:${n}\r\nEMAIL:${n.split(" ")[0]}@example.org\r\nEND:VCARD\r\n`,
        )
        .join(""),
      headers: { "content-type": "text/vcard" },
    })
    const due = async (who = m) => (await book(who, "?due=true")).items.map((e) => e.displayName)
    expect(await due()).toEqual([])
    const [alma, bert, cora] = (await book(m)).items
    // New: due after the first review's days (90), like a new contact.
    const fresh = alma as unknown as { reviewDueAt: string; createdAt: string }
    expect(Date.parse(fresh.reviewDueAt) - Date.parse(fresh.createdAt)).toBe(90 * 86_400_000)
    t.advanceDays(90)
    const back = await t.relogin(m)
    expect(await due(back)).toEqual(["Alma Alt", "Bert Bau", "Cora Cent"])
    const review = (id: string | undefined, body: unknown, who = back) =>
      t.call("POST", `/v1/address-book/${id}/review`, { cookie: who.cookie, body })
    const kept = await review(alma?.id, { decision: "keep" })
    expect(kept.status).toBe(200)
    // Kept now: due again after my cadence (180 days by default).
    const after = (await kept.json()) as { reviewDueAt: string; updatedAt: string }
    expect(Date.parse(after.reviewDueAt) - Date.parse(after.updatedAt)).toBe(180 * 86_400_000)
    // Filed under a category with its own cadence, it falls due by that, as a contact does.
    const kunden = (await (
      await t.call("POST", "/v1/categories", {
        cookie: back.cookie,
        body: { name: "Kunden", reviewEveryDays: 30 },
      })
    ).json()) as { id: string }
    const filed = (await (
      await t.call("PATCH", `/v1/address-book/${alma?.id}`, {
        cookie: back.cookie,
        body: { categoryIds: [kunden.id] },
      })
    ).json()) as { reviewDueAt: string }
    expect(Date.parse(filed.reviewDueAt) - Date.parse(after.updatedAt)).toBe(30 * 86_400_000)
    expect((await review(bert?.id, { decision: "snooze", snoozeDays: 30 })).status).toBe(200)
    expect((await review(cora?.id, { decision: "delete" })).status).toBe(204)
    expect(await due(back)).toEqual([])
    expect((await book(back)).items.map((e) => e.displayName)).toEqual(["Alma Alt", "Bert Bau"])
    await t.call("PATCH", `/v1/address-book/${bert?.id}`, {
      cookie: back.cookie,
      body: { importance: "high" },
    })
    expect((await book(back, "?importance=high")).items.map((e) => e.displayName)).toEqual([
      "Bert Bau",
    ])
    expect((await book(back, "?importance=low")).items).toEqual([])
    // Another member's entry reviews as one that does not exist, and stays as it was.
    const otherBack = await t.relogin(other)
    const foreign = await review(alma?.id, { decision: "delete" }, otherBack)
    const missing = await review("nope", { decision: "delete" }, otherBack)
    expect(foreign.status).toBe(404)
    expect(await foreign.text()).toBe(await missing.text())
    expect((await book(back)).items).toHaveLength(2)
    for (const body of [
      { decision: "mute" },
      { decision: "snooze" },
      { decision: "snooze", snoozeDays: 0 },
    ])
      expect((await review(bert?.id, body)).status).toBe(400)
  })
})
