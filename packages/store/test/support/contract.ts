/**
 * The store's contract: one suite, run unchanged against SQLite and PostgreSQL.
 */
import {
  defaultSettings,
  type EntrySource,
  type ImportedPerson,
  invitationStatus,
  type Locale,
  senderView,
} from "@kontakt/domain"
import { Effect, Either, Exit, Layer, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  AccountService,
  Accounts,
  AddressBook,
  Blocks,
  CategoryService,
  type ContactFilters,
  ContactService,
  Contacts,
  DEVICES_PER_MEMBER,
  EventLog,
  FeedService,
  IntroductionService,
  Introductions,
  InvitationService,
  LATEST_MIGRATION,
  LoginAttempts,
  Members,
  OutboxRetention,
  ReadModel,
  Recommendations,
  RequestService,
  Requests,
  type StoredEntry,
  TrustedDevices,
  UNCATEGORIZED,
  UNREAD_COUNTED,
} from "../../src/index.js"
import { invariantViolations } from "../../src/testing/index.js"
import { type Harness, type HarnessDatabase, makeHarness } from "./harness.js"

const tagOf = (e: Either.Either<unknown, { readonly _tag: string }>) =>
  Either.isLeft(e) ? e.left._tag : "ok"

export const contractSuite = (
  label: string,
  database: () => Promise<{ config: HarnessDatabase; teardown: () => Promise<void> }>,
) =>
  describe(`store contract on ${label}`, () => {
    let teardown: () => Promise<void> = async () => {}
    let config: HarnessDatabase
    let h: Harness
    let n = 0
    const handle = (name: string) => `${name}${++n}`

    beforeAll(async () => {
      const db = await database()
      config = db.config
      teardown = db.teardown
      h = await makeHarness(config)
    })
    afterAll(async () => {
      await h?.close()
      await teardown()
    })

    const send = (from: string, to: string, message: string | null = "Hallo!") =>
      h.attempt(
        Effect.flatMap(RequestService, (s) => s.send(from, to, { message, foundVia: null })),
      )
    const idOf = async (state: Awaited<ReturnType<typeof send>>) => {
      if (Either.isLeft(state) || state.right._tag !== "Sent")
        throw new Error(`not sent: ${tagOf(state)}`)
      return state.right.request.id
    }
    const notificationsOf = (member: string) =>
      h.query(
        `SELECT kind, actor_id AS "actorId" FROM notifications WHERE recipient_id = ? ORDER BY at, id`,
        [member],
      )
    /** Someone as an imported file names them: the line and the name; the rest as given. */
    const imported = (
      line: number,
      displayName: string,
      more: Partial<ImportedPerson> = {},
    ): ImportedPerson => ({
      line,
      displayName,
      emails: [],
      phones: [],
      company: null,
      position: null,
      urls: [],
      connectedAt: null,
      categoryNames: [],
      ...more,
    })
    /** Imports people into a member's address book. */
    const importInto = (
      owner: string,
      people: readonly ImportedPerson[],
      source: EntrySource = "csv",
      locale: Locale = "en",
    ) => h.run(Effect.flatMap(AddressBook, (b) => b.importPeople(owner, people, source, locale)))
    /** A member's address book by name; with `due`, what is due now under a 180-day cadence. */
    const entriesOf = async (owner: string, due = false) =>
      (
        await h.run(
          Effect.flatMap(AddressBook, (b) =>
            b.page(owner, {
              categoryId: null,
              q: null,
              limit: 100,
              after: null,
              ...(due ? { due: { now: h.now(), cadenceDays: 180 } } : {}),
            }),
          ),
        )
      ).items
    /** Someone's address: their first name at example.org. */
    const emailOf = (name: string) => `${name.split(" ")[0]?.toLowerCase()}@example.org`
    /** What the member's feed shows: each item's subject, once per member who brought it. */
    const feedOf = (member: string) =>
      h
        .run(Effect.flatMap(FeedService, (s) => s.feed(member, 100, null)))
        .then((page) =>
          page.items
            .flatMap((i) =>
              i.broughtBy.map((b) => ({ subjectKey: i.key, broughtBy: b.member?.id })),
            )
            .sort((x, y) =>
              x.subjectKey < y.subjectKey ? -1 : x.subjectKey > y.subjectKey ? 1 : 0,
            ),
        )
    /** One call of the Accounts service. */
    const accounts = <A>(f: (a: Accounts) => Effect.Effect<A, unknown>) =>
      h.run(Effect.flatMap(Accounts, f) as Effect.Effect<A, never, Accounts>)
    const outgoing = (member: string) =>
      h
        .run(Effect.flatMap(Requests, (r) => r.outgoing(member, 100, null)))
        .then((rs) => rs.map(senderView))

    it("migrates an empty database to the latest version", async () => {
      const rows = await h.query("SELECT MAX(migration_id) AS id FROM kontakt_migrations")
      expect(Number(rows[0]?.["id"])).toBe(LATEST_MIGRATION)
    })

    it("send → pending, with the recipient told and the verdict given", async () => {
      const ada = await h.member(handle("ada"))
      const bobHandle = handle("bob")
      const bob = await h.member(bobHandle)
      const result = await send(ada, bobHandle)
      const id = await idOf(result)
      expect((await outgoing(ada)).map((r) => [r.id, r.state])).toEqual([[id, "pending"]])
      expect(await notificationsOf(bob)).toEqual([{ kind: "requestReceived", actorId: ada }])
      const incoming = await h.run(
        Effect.flatMap(Requests, (r) => r.incoming(bob, "pending", 10, null)),
      )
      expect(incoming.map((r) => r.id)).toEqual([id])
    })

    it("accept writes the request, both records with categories, the notification and the news event; the news is in the feeds at once", async () => {
      const [adaH, bobH, carlaH, doraH] = [
        handle("ada"),
        handle("bob"),
        handle("carla"),
        handle("dora"),
      ]
      const ada = await h.member(adaH)
      const bob = await h.member(bobH)
      const carla = await h.member(carlaH)
      const dora = await h.member(doraH)
      // Carla knows Ada, Dora knows Bob: they hear of the new connection.
      for (const [x, yH, y] of [
        [ada, carlaH, carla],
        [bob, doraH, dora],
      ] as const) {
        const id = await idOf(await send(x, yH))
        await h.run(Effect.flatMap(RequestService, (s) => s.accept(y, id, {})))
      }
      const category = await h.run(
        Effect.flatMap(CategoryService, (s) => s.create(bob, { name: "Gruppe K." })),
      )
      const id = await idOf(await send(ada, bobH))
      const accepted = await h.run(
        Effect.flatMap(RequestService, (s) => s.accept(bob, id, { categoryIds: [category.id] })),
      )
      expect(accepted.request.state).toBe("accepted")
      const connection = await h.run(Effect.flatMap(Contacts, (c) => c.between(ada, bob)))
      expect(connection?.records.map((r) => [r.owner, r.contact])).toEqual(
        [
          [ada, bob],
          [bob, ada],
        ].sort((x, y) => ((x[0] ?? "") < (y[0] ?? "") ? -1 : 1)),
      )
      const bobs = await h.run(Effect.flatMap(Contacts, (c) => c.record(bob, ada)))
      expect(bobs?.categoryIds).toEqual([category.id])
      expect(bobs?.note).toContain("Message: “Hallo!”")
      expect((await notificationsOf(ada)).at(-1)).toEqual({ kind: "requestAccepted", actorId: bob })
      const outbox = await h.query("SELECT tag FROM outbox ORDER BY seq DESC LIMIT 2")
      expect(outbox.map((r) => r["tag"])).toEqual(["ConnectionMade", "RequestAccepted"])
      // The news is the event: each side's contacts read it in their feeds, brought by their contact.
      const news = `connection:${[ada, bob].sort().join(":")}`
      expect(await feedOf(carla)).toContainEqual({ subjectKey: news, broughtBy: ada })
      expect(await feedOf(dora)).toContainEqual({ subjectKey: news, broughtBy: bob })
      expect(await feedOf(carla)).not.toContainEqual({ subjectKey: news, broughtBy: bob })
    })

    it("the news of a connection leaves the feeds when the connection is deleted", async () => {
      const [adaH, bobH, carlaH] = [handle("ada"), handle("bob"), handle("carla")]
      const [ada, bob, carla] = [await h.member(adaH), await h.member(bobH), await h.member(carlaH)]
      // Carla knows Ada, so she hears of Ada's new connection.
      const known = await idOf(await send(ada, carlaH))
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(carla, known, {})))
      const id = await idOf(await send(ada, bobH))
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(bob, id, {})))
      const news = `connection:${[ada, bob].sort().join(":")}`
      expect((await feedOf(carla)).map((i) => i.subjectKey)).toContain(news)
      await h.run(Effect.flatMap(ContactService, (s) => s.remove(ada, bobH)))
      expect((await feedOf(carla)).map((i) => i.subjectKey)).not.toContain(news)
    })

    it("accept writes everything or nothing", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const ada = await h.member(adaH)
      const bob = await h.member(bobH)
      const id = await idOf(await send(ada, bobH))
      // The same services over the same database, but an event log that fails after the other writes.
      const failing = Layer.succeed(
        EventLog,
        new EventLog({ record: () => Effect.die(new Error("disk full")) }),
      )
      const exit = await h.run(
        Effect.flatMap(RequestService, (s) => s.accept(bob, id, {})).pipe(
          Effect.provide(RequestService.Default.pipe(Layer.provide(failing))),
          Effect.exit,
        ),
      )
      expect(Exit.isFailure(exit)).toBe(true)
      const request = await h.run(Effect.flatMap(Requests, (r) => r.byId(id)))
      expect(request._tag === "Some" && request.value.state).toBe("pending")
      expect(await h.run(Effect.flatMap(Contacts, (c) => c.connected(ada, bob)))).toBe(false)
      expect(await notificationsOf(ada)).toEqual([])
    })

    it("ignore is silent: the sender's view and notifications do not change", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const ada = await h.member(adaH)
      const bob = await h.member(bobH)
      const id = await idOf(await send(ada, bobH))
      const before = {
        view: await outgoing(ada),
        told: await notificationsOf(ada),
        feed: await feedOf(ada),
      }
      h.advanceDays(1)
      await h.run(Effect.flatMap(RequestService, (s) => s.ignore(bob, id)))
      expect({
        view: await outgoing(ada),
        told: await notificationsOf(ada),
        feed: await feedOf(ada),
      }).toEqual(before)
      expect(tagOf(await send(ada, bobH))).toBe("RequestAlreadyOpen")
      const ignored = await h.run(
        Effect.flatMap(Requests, (r) => r.incoming(bob, "ignored", 10, null)),
      )
      expect(ignored.map((r) => r.id)).toEqual([id])
      // ... and can still be accepted later.
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(bob, id, {})))
      expect(await h.run(Effect.flatMap(Contacts, (c) => c.connected(ada, bob)))).toBe(true)
    })

    it("crossing requests make one connection", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const ada = await h.member(adaH)
      const bob = await h.member(bobH)
      await idOf(await send(ada, bobH))
      const crossed = await send(bob, adaH)
      expect(Either.isRight(crossed) && crossed.right._tag).toBe("Connected")
      const open = await h.query(
        `SELECT COUNT(*) AS n FROM requests WHERE state IN ('pending', 'ignored') AND from_id IN (?, ?)`,
        [ada, bob],
      )
      expect(Number(open[0]?.["n"])).toBe(0)
    })

    it("withdraw is silent and starts the 21-day cooldown", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const ada = await h.member(adaH)
      const bob = await h.member(bobH)
      const id = await idOf(await send(ada, bobH))
      const told = await notificationsOf(bob)
      await h.run(Effect.flatMap(RequestService, (s) => s.withdraw(ada, id)))
      expect(await notificationsOf(bob)).toEqual(told)
      h.advanceDays(20)
      expect(tagOf(await send(ada, bobH))).toBe("CooldownActive")
      h.advanceDays(1)
      expect(tagOf(await send(ada, bobH))).toBe("ok")
    })

    it("only the request's own party may act on it; others get RequestNotFound", async () => {
      const [adaH, bobH, eveH] = [handle("ada"), handle("bob"), handle("eve")]
      const ada = await h.member(adaH)
      await h.member(bobH)
      const eve = await h.member(eveH)
      const id = await idOf(await send(ada, bobH))
      const tried = [
        await h.attempt(Effect.flatMap(RequestService, (s) => s.accept(eve, id, {}))),
        await h.attempt(Effect.flatMap(RequestService, (s) => s.ignore(eve, id))),
        await h.attempt(Effect.flatMap(RequestService, (s) => s.withdraw(eve, id))),
        await h.attempt(Effect.flatMap(RequestService, (s) => s.accept(ada, id, {}))),
        await h.attempt(Effect.flatMap(RequestService, (s) => s.ignore(ada, id))),
      ]
      expect(tried.map(tagOf)).toEqual(Array(5).fill("RequestNotFound"))
    })

    it("a block removes everything between the two, silently, and hides each from the other", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const ada = await h.member(adaH)
      const bob = await h.member(bobH)
      const id = await idOf(await send(ada, bobH))
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(bob, id, {})))
      const told = await notificationsOf(ada)
      await h.run(Effect.flatMap(ContactService, (s) => s.block(bob, adaH)))
      expect(await notificationsOf(ada)).toEqual(told)
      expect(await h.run(Effect.flatMap(Contacts, (c) => c.connected(ada, bob)))).toBe(false)
      expect(tagOf(await send(ada, bobH))).toBe("MemberNotFound")
      expect(tagOf(await send(ada, "nobody-here"))).toBe("MemberNotFound")
      expect(
        tagOf(await h.attempt(Effect.flatMap(ContactService, (s) => s.visible(ada, bobH)))),
      ).toBe("MemberNotFound")
      await h.run(Effect.flatMap(ContactService, (s) => s.unblock(bob, adaH)))
      expect(tagOf(await send(ada, bobH))).toBe("ok")
    })

    it("the directory keeps members with a photo or open to networking, when asked", async () => {
      const tag = `trait${++n}x`
      const [viewer, both, pictured, open] = [
        await h.member(`${tag}viewer`),
        await h.member(`${tag}both`),
        await h.member(`${tag}pictured`),
        await h.member(`${tag}open`),
      ]
      const members = <A>(f: (m: Members) => Effect.Effect<A, unknown>) =>
        h.run(Effect.flatMap(Members, f) as Effect.Effect<A, never, Members>)
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47])
      for (const id of [both, pictured])
        await members((m) => m.setPhoto(id, "image/png", png, new Date()))
      for (const id of [both, open])
        await members((m) => m.updateProfile(id, { openToNetworking: true }))
      const found = (hasPhoto: boolean | null, openToNetworking: boolean | null) =>
        members((m) =>
          m.directory(viewer, {
            q: tag,
            groupId: null,
            hasPhoto,
            openToNetworking,
            limit: 10,
            after: null,
          }),
        ).then((rows) => rows.map((r) => r.id).sort())
      expect(await found(null, null)).toEqual([both, pictured, open].sort())
      expect(await found(true, null)).toEqual([both, pictured].sort())
      expect(await found(false, null)).toEqual([open])
      expect(await found(null, true)).toEqual([both, open].sort())
      expect(await found(true, true)).toEqual([both])
      expect(await found(false, false)).toEqual([])
    })

    it("contacts to sort later: in no category, accepted automatically, by importance, muted, by note", async () => {
      const [meH, autoH, chosenH] = [handle("sorter"), handle("auto"), handle("chosen")]
      const me = await h.member(meH, { acceptance: { mode: "acceptAll" } })
      const auto = await h.member(autoH)
      const chosen = await h.member(chosenH)
      expect(tagOf(await send(auto, meH))).toBe("ok") // accepted at once by my policy
      const id = await idOf(await send(me, chosenH))
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(chosen, id, {})))
      await h.run(
        Effect.flatMap(ContactService, (s) =>
          s.update(me, chosenH, { muted: true, importance: "high", note: "Messe in Köln" }),
        ),
      )
      const page = (filters: Partial<ContactFilters>) =>
        h
          .run(
            Effect.flatMap(Contacts, (c) =>
              c.page(me, { sort: "name", limit: 10, after: null, categoryId: null, ...filters }),
            ),
          )
          .then((p) => p.items.map((i) => i.record.contact).sort())
      expect(await page({ categoryId: UNCATEGORIZED })).toEqual([auto, chosen].sort())
      expect(await page({ acceptedAutomatically: true })).toEqual([auto])
      expect(await page({ acceptedAutomatically: false })).toEqual([chosen])
      expect(await page({ importance: "high" })).toEqual([chosen])
      expect(await page({ muted: false })).toEqual([auto])
      expect(await page({ q: "MESSE" })).toEqual([chosen])
      expect(await page({ q: autoH, acceptedAutomatically: true })).toEqual([auto])
    })

    it("whom a member blocked: listed for them alone, page by page, until unblocked", async () => {
      const [adaH, bobH, carlaH] = [handle("ada"), handle("bob"), handle("carla")]
      const [ada, bob, carla] = [await h.member(adaH), await h.member(bobH), await h.member(carlaH)]
      const mine = (m: string, limit: number, after: { at: string; member: string } | null) =>
        h.run(Effect.flatMap(Blocks, (b) => b.mine(m, limit, after)))
      await h.run(Effect.flatMap(ContactService, (s) => s.block(ada, bobH)))
      await h.run(Effect.flatMap(ContactService, (s) => s.block(ada, carlaH)))
      const first = await mine(ada, 1, null)
      expect(first).toHaveLength(1)
      const last = first[0] as { member: string; at: Date }
      const rest = await mine(ada, 10, { at: last.at.toISOString(), member: last.member })
      expect([...first, ...rest].map((b) => b.member).sort()).toEqual([bob, carla].sort())
      expect(await mine(bob, 10, null)).toEqual([])
      await h.run(Effect.flatMap(ContactService, (s) => s.unblock(ada, bobH)))
      expect((await mine(ada, 10, null)).map((b) => b.member)).toEqual([carla])
    })

    it("delete removes both records silently; either may ask again", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const ada = await h.member(adaH)
      const bob = await h.member(bobH)
      const id = await idOf(await send(ada, bobH))
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(bob, id, {})))
      const told = await notificationsOf(ada)
      await h.run(Effect.flatMap(ContactService, (s) => s.remove(bob, adaH)))
      expect(await notificationsOf(ada)).toEqual(told)
      const rows = await h.query(
        `SELECT COUNT(*) AS n FROM contacts
         WHERE (owner_id = ? AND contact_id = ?) OR (owner_id = ? AND contact_id = ?)`,
        [ada, bob, bob, ada],
      )
      expect(Number(rows[0]?.["n"])).toBe(0)
      expect(
        tagOf(await h.attempt(Effect.flatMap(ContactService, (s) => s.remove(bob, adaH)))),
      ).toBe("ContactNotFound")
      expect(tagOf(await send(ada, bobH))).toBe("ok")
    })

    it("contacts page by name with categories, keyset-paginated", async () => {
      const ownerH = handle("owner")
      const owner = await h.member(ownerH)
      const cat = await h.run(
        Effect.flatMap(CategoryService, (s) => s.create(owner, { name: "Kunden" })),
      )
      for (const name of ["zora", "anna", "mia", "ben", "lea"]) {
        const hn = handle(name)
        const id = await h.member(hn)
        const req = await idOf(await send(id, ownerH))
        await h.run(
          Effect.flatMap(RequestService, (s) =>
            s.accept(owner, req, name === "mia" ? { categoryIds: [cat.id] } : {}),
          ),
        )
      }
      const page = (after: { key: string; id: string } | null) =>
        h.run(
          Effect.flatMap(Contacts, (c) =>
            c.page(owner, { sort: "name", limit: 3, after, categoryId: null }),
          ),
        )
      const first = await page(null)
      const second = await page(first.next)
      const handleOf = (id: string, page: typeof first) =>
        page.items.find((i) => i.record.contact === id)?.member.handle.replace(/\d+$/, "")
      expect(
        [first, second].flatMap((p) => p.items.map((i) => handleOf(i.record.contact, p))),
      ).toEqual(["anna", "ben", "lea", "mia", "zora"])
      expect(second.next).toBeNull()
      const inCategory = await h.run(
        Effect.flatMap(Contacts, (c) =>
          c.page(owner, { sort: "name", limit: 10, after: null, categoryId: cat.id }),
        ),
      )
      expect(
        inCategory.items.map((i) => [i.member.handle.replace(/\d+$/, ""), i.record.categoryIds]),
      ).toEqual([["mia", [cat.id]]])
    })

    it("category names are unique per owner ignoring case — in the domain and in the database", async () => {
      const owner = await h.member(handle("owner"))
      const other = await h.member(handle("other"))
      await h.run(Effect.flatMap(CategoryService, (s) => s.create(owner, { name: "Kunden" })))
      expect(
        tagOf(
          await h.attempt(
            Effect.flatMap(CategoryService, (s) => s.create(owner, { name: "KUNDEN" })),
          ),
        ),
      ).toBe("CategoryNameTaken")
      expect(
        tagOf(
          await h.attempt(
            Effect.flatMap(CategoryService, (s) => s.create(other, { name: "kunden" })),
          ),
        ),
      ).toBe("ok")
      const direct = await h.outcome(
        `INSERT INTO categories (id, owner_id, name, name_key, created_at)
         VALUES ('dup', ?, 'kunden', 'kunden', '2026-01-01T00:00:00.000Z')`,
        [owner],
      )
      expect(direct).toBe("SqlError")
    })

    it("the database refuses a second open request for a pair, in either direction, a second connection and half of one", async () => {
      const a = await h.member(handle("ada"))
      const b = await h.member(handle("bob"))
      const c = await h.member(handle("carla"))
      const [lo, hi] = [a, b].sort()
      const outcome = h.outcome
      const insert = (id: string, from: string, to: string) =>
        outcome(
          `INSERT INTO requests (id, from_id, to_id, pair_lo, pair_hi, state, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'pending', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
          [id, from, to, lo ?? "", hi ?? ""],
        )
      expect(await insert("x1", a, b)).toBe("ok")
      expect(await insert("x2", a, b)).toBe("SqlError")
      expect(await insert("x3", b, a)).toBe("SqlError")
      const records = (pairs: readonly (readonly [string, string])[]) =>
        outcome(
          `INSERT INTO contacts (owner_id, contact_id, request_id, connected_at, review_due_at, sort_name)
           VALUES ${pairs.map(() => "(?, ?, 'x1', '2026-01-01', '2026-04-01', 'x')").join(", ")}`,
          pairs.flat(),
        )
      expect(
        await records([
          [a, b],
          [b, a],
        ]),
      ).toBe("ok")
      expect(
        await records([
          [a, b],
          [b, a],
        ]),
      ).toBe("SqlError")
      // One side's record without the other's: a connection never exists half.
      expect(await records([[a, c]])).toBe("SqlError")
      // Raw rows that only the constraints were meant to see: gone again, so later checks see a valid database.
      await h.query("DELETE FROM contacts WHERE owner_id = ? AND contact_id = ?", [a, b])
      expect(
        await h.query("SELECT owner_id FROM contacts WHERE owner_id IN (?, ?)", [a, b]),
      ).toEqual([])
      await h.query("DELETE FROM requests WHERE id = 'x1'")
    })

    it("reviews: due after 90 days with signals and a recommendation; delete removes silently", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const ada = await h.member(adaH)
      const bob = await h.member(bobH)
      const id = await idOf(await send(ada, bobH))
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(bob, id, {})))
      const due = () => h.run(Effect.flatMap(ContactService, (s) => s.due(bob, 50)))
      expect((await due()).filter((d) => d.record.contact === ada)).toEqual([])
      h.advanceDays(90)
      const [item] = (await due()).filter((d) => d.record.contact === ada)
      expect(item?.advice.recommendation).toBe("keep")
      expect(item?.advice.reasons.length).toBeGreaterThan(0)
      await h.run(
        Effect.flatMap(ContactService, (s) =>
          s.review(bob, adaH, { decision: "snooze", snoozeDays: 10 }),
        ),
      )
      expect((await due()).filter((d) => d.record.contact === ada)).toEqual([])
      h.advanceDays(10)
      const told = await notificationsOf(ada)
      await h.run(
        Effect.flatMap(ContactService, (s) => s.review(bob, adaH, { decision: "delete" })),
      )
      expect(await h.run(Effect.flatMap(Contacts, (c) => c.connected(ada, bob)))).toBe(false)
      expect(await notificationsOf(ada)).toEqual(told)
      const history = await h.query(
        "SELECT decision FROM review_history WHERE owner_id = ? ORDER BY at",
        [bob],
      )
      expect(history.map((r) => r["decision"])).toEqual(["snooze", "delete"])
    })

    it("open requests expire after 180 days", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const ada = await h.member(adaH)
      await h.member(bobH)
      const id = await idOf(await send(ada, bobH))
      h.advanceDays(180)
      expect(
        await h.run(Effect.flatMap(RequestService, (s) => s.expireDue())),
      ).toBeGreaterThanOrEqual(1)
      const request = await h.run(Effect.flatMap(Requests, (r) => r.byId(id)))
      expect(request._tag === "Some" && request.value.state).toBe("expired")
    })

    const connect = async (x: string, yHandle: string, y: string) => {
      const id = await idOf(await send(x, yHandle))
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(y, id, {})))
    }
    const post = (author: string, text: string) =>
      h.run(Effect.flatMap(FeedService, (s) => s.publish(author, { text })))
    const feedPage = (member: string, limit: number, after: { at: number; key: string } | null) =>
      h.run(Effect.flatMap(FeedService, (s) => s.feed(member, limit, after)))

    it("a share's words reach those it reaches, with every reason of who brought it", async () => {
      const [adaH, bobH, cemH] = [handle("ada"), handle("bob"), handle("cem")]
      const [ada, bob, cem] = [await h.member(adaH), await h.member(bobH), await h.member(cemH)]
      await connect(ada, bobH, bob)
      await connect(bob, cemH, cem)
      const id = (await post(ada, "teilenswert")).post.id
      h.advanceDays(1 / 1440)
      await h.run(Effect.flatMap(FeedService, (s) => s.like(bob, id)))
      h.advanceDays(1 / 1440)
      await h.run(Effect.flatMap(FeedService, (s) => s.share(bob, id, { text: "Lies das!" })))
      const page = await h.run(Effect.flatMap(FeedService, (s) => s.feed(cem, 10, null)))
      const item = page.items.find((i) => i.post?.post.id === id)
      expect(item?.broughtBy.map((b) => [b.member?.id, b.reasons, b.words])).toEqual([
        [bob, ["shared", "liked"], "Lies das!"],
      ])
    })

    it("a flag remembers which of the flagger's contacts brought the post, until taken back", async () => {
      const [adaH, bobH, cemH, danH] = [handle("ada"), handle("bob"), handle("cem"), handle("dan")]
      const [ada, bob, cem, dan] = [
        await h.member(adaH),
        await h.member(bobH),
        await h.member(cemH),
        await h.member(danH),
      ]
      await connect(bob, adaH, ada)
      await connect(cem, adaH, ada)
      await connect(dan, bobH, bob)
      await connect(dan, cemH, cem)
      const id = (await post(dan, "seltsam")).post.id
      await h.run(Effect.flatMap(FeedService, (s) => s.like(bob, id)))
      await h.run(Effect.flatMap(FeedService, (s) => s.comment(cem, id, { text: "hm" })))
      await h.run(Effect.flatMap(FeedService, (s) => s.like(cem, id)))
      await h.run(Effect.flatMap(FeedService, (s) => s.flag(ada, id)))
      const bringers = () =>
        h
          .query("SELECT bringer_id FROM flag_bringers WHERE member_id = ? AND post_id = ?", [
            ada,
            id,
          ])
          .then((rows) => rows.map((r) => String(r["bringer_id"])).sort())
      expect(await bringers()).toEqual([bob, cem].sort())
      await h.run(Effect.flatMap(FeedService, (s) => s.unflag(ada, id)))
      expect(await bringers()).toEqual([])
    })

    it("the news of one category: what its contacts brought; uncategorized too; none of another's", async () => {
      const [adaH, bobH, cemH] = [handle("ada"), handle("bob"), handle("cem")]
      const [ada, bob, cem] = [await h.member(adaH), await h.member(bobH), await h.member(cemH)]
      await connect(bob, adaH, ada)
      await connect(cem, adaH, ada)
      const category = await h.run(
        Effect.flatMap(CategoryService, (s) => s.create(ada, { name: "Kunden" })),
      )
      await h.run(
        Effect.flatMap(ContactService, (s) => s.update(ada, bobH, { categoryIds: [category.id] })),
      )
      const bobs = (await post(bob, "von Bob")).post.id
      const cems = (await post(cem, "von Cem")).post.id
      const news = (c: string) =>
        h
          .run(Effect.flatMap(FeedService, (s) => s.feed(ada, 20, null, c)))
          .then((p) => p.items.flatMap((i) => (i.post === null ? [] : [i.post.post.id])))
      expect(await news(category.id)).toEqual([bobs])
      expect(await news(UNCATEGORIZED)).toEqual([cems])
      const others = await h.run(
        Effect.flatMap(CategoryService, (s) => s.create(bob, { name: "Bobs" })),
      )
      expect(
        tagOf(
          await h.attempt(Effect.flatMap(FeedService, (s) => s.feed(ada, 20, null, others.id))),
        ),
      ).toBe("CategoryNotFound")
    })

    it("a member's wall: their posts newest first, page by page, for contacts and themselves only", async () => {
      const [adaH, bobH, cemH] = [handle("ada"), handle("bob"), handle("cem")]
      const [ada, bob, cem] = [await h.member(adaH), await h.member(bobH), await h.member(cemH)]
      await connect(ada, bobH, bob)
      const posted: string[] = []
      for (const text of ["eins", "zwei", "drei"]) {
        h.advanceDays(1 / 1440)
        posted.push((await post(ada, text)).post.id)
      }
      const wall = (reader: string, limit: number, after: { at: string; id: string } | null) =>
        h.run(Effect.flatMap(FeedService, (s) => s.wall(reader, adaH, limit, after)))
      const first = await wall(bob, 2, null)
      expect(first.items.map((p) => p.post.text)).toEqual(["drei", "zwei"])
      const second = await wall(bob, 2, first.next)
      expect(second.items.map((p) => p.post.text)).toEqual(["eins"])
      expect(second.next).toBeNull()
      expect((await wall(ada, 10, null)).items.map((p) => p.post.id)).toEqual([...posted].reverse())
      expect(await wall(cem, 10, null)).toEqual({ items: [], next: null })
      await h.run(Effect.flatMap(ContactService, (s) => s.block(ada, bobH)))
      expect(
        tagOf(await h.attempt(Effect.flatMap(FeedService, (s) => s.wall(bob, adaH, 10, null)))),
      ).toBe("MemberNotFound")
    })

    it("the feed: a post reaches its author and their contacts, a like carries it on, each bringer named", async () => {
      const [adaH, bobH, carlaH, doraH] = ["ada", "bob", "carla", "dora"].map(handle)
      const [ada, bob, carla, dora] = [
        await h.member(adaH ?? ""),
        await h.member(bobH ?? ""),
        await h.member(carlaH ?? ""),
        await h.member(doraH ?? ""),
      ]
      // ada — bob — carla; dora knows nobody.
      await connect(ada, bobH ?? "", bob)
      await connect(bob, carlaH ?? "", carla)
      const p = await post(ada, "Neuer Artikel über Empfehlungen")
      const key = `post:${p.post.id}`
      const brought = async (m: string) =>
        (await feedOf(m)).filter((i) => i.subjectKey === key).map((i) => i.broughtBy)
      expect(await brought(ada)).toEqual([ada])
      expect(await brought(bob)).toEqual([ada])
      expect(await brought(carla)).toEqual([])
      expect(await brought(dora)).toEqual([])
      await h.run(Effect.flatMap(FeedService, (s) => s.like(bob, p.post.id)))
      // Bob's like carries the post to Carla, once, with the post's counts.
      const page = await feedPage(carla, 20, null)
      const item = page.items.find((i) => i.key === key)
      expect(item?.broughtBy.map((b) => [b.member?.id, b.reason])).toEqual([[bob, "liked"]])
      expect(item?.post?.likes).toBe(1)
      expect(item?.post?.author?.id).toBe(ada)
      // The author is told, not fed her own post twice.
      expect(await brought(ada)).toEqual([ada])
      await h.run(Effect.flatMap(FeedService, (s) => s.unlike(bob, p.post.id)))
      expect(await brought(carla)).toEqual([])
      await h.run(Effect.flatMap(FeedService, (s) => s.remove(ada, p.post.id)))
      expect(await brought(bob)).toEqual([])
      expect(await brought(ada)).toEqual([])
    })

    it("a post's counts follow every like and comment as it comes and goes, less those of whom the reader is blocked with", async () => {
      const [adaH, bobH, cemH, danH, eveH] = [
        handle("ada"),
        handle("bob"),
        handle("cem"),
        handle("dan"),
        handle("eve"),
      ]
      const ada = await h.member(adaH)
      const [bob, cem, dan, eve] = [
        await h.member(bobH),
        await h.member(cemH),
        await h.member(danH),
        await h.member(eveH),
      ]
      for (const [x, xH] of [
        [bob, bobH],
        [cem, cemH],
        [dan, danH],
        [eve, eveH],
      ] as const)
        await connect(ada, xH, x)
      const id = (await post(ada, "Wer kommt zur Messe?")).post.id
      for (const m of [bob, cem, dan])
        await h.run(Effect.flatMap(FeedService, (s) => s.like(m, id)))
      for (const [m, text] of [
        [cem, "ich"],
        [cem, "mit Kollegin"],
        [dan, "vielleicht"],
      ] as const)
        await h.run(Effect.flatMap(FeedService, (s) => s.comment(m, id, { text })))
      const counts = async (reader: string) => {
        const wall = await h.run(Effect.flatMap(FeedService, (s) => s.wall(reader, adaH, 10, null)))
        const p = wall.items.find((i) => i.post.id === id)
        return [p?.likes, p?.comments]
      }
      expect(await counts(ada)).toEqual([3, 3])
      // Eve blocked Cem; Dan blocked Eve: both ways count.
      await h.run(Effect.flatMap(ContactService, (s) => s.block(eve, cemH)))
      await h.run(Effect.flatMap(ContactService, (s) => s.block(dan, eveH)))
      expect(await counts(eve)).toEqual([1, 0])
      expect(await counts(ada)).toEqual([3, 3])
      expect(await counts(bob)).toEqual([3, 3])
      await h.run(Effect.flatMap(FeedService, (s) => s.unlike(bob, id)))
      expect(await counts(ada)).toEqual([2, 3])
      expect(await counts(eve)).toEqual([0, 0])
      // An account that goes takes its likes and comments out of every count.
      await h.run(Effect.flatMap(AccountService, (s) => s.remove(dan)))
      expect(await counts(ada)).toEqual([1, 2])
      await h.run(Effect.flatMap(ContactService, (s) => s.unblock(eve, cemH)))
      expect(await counts(eve)).toEqual([1, 2])
      // What is stored is what a count over the rows gives.
      expect(
        await h.query(
          `SELECT p.like_count AS likes, p.comment_count AS comments,
             (SELECT COUNT(*) FROM likes l WHERE l.post_id = p.id) AS liked,
             (SELECT COUNT(*) FROM comments k WHERE k.post_id = p.id) AS commented
           FROM posts p WHERE p.id = ?`,
          [id],
        ),
      ).toEqual([{ likes: 1, comments: 2, liked: 1, commented: 2 }])
    })

    it("a member's connection count follows every connection as it comes and goes", async () => {
      const [adaH, bobH, cemH, danH] = [handle("ada"), handle("bob"), handle("cem"), handle("dan")]
      const [ada, bob, cem, dan] = [
        await h.member(adaH),
        await h.member(bobH),
        await h.member(cemH),
        await h.member(danH),
      ]
      const counts = async () =>
        (
          await h.query(
            "SELECT connection_count AS n FROM members WHERE id IN (?, ?, ?, ?) ORDER BY handle",
            [ada, bob, cem, dan],
          )
        ).map((r) => Number(r["n"]))
      await connect(ada, bobH, bob)
      await connect(ada, cemH, cem)
      await connect(bob, cemH, cem)
      await connect(dan, adaH, ada)
      expect(await counts()).toEqual([3, 2, 2, 1])
      await h.run(Effect.flatMap(ContactService, (s) => s.remove(ada, bobH)))
      expect(await counts()).toEqual([2, 1, 2, 1])
      await h.run(Effect.flatMap(ContactService, (s) => s.block(cem, adaH)))
      expect(await counts()).toEqual([1, 1, 1, 1])
      await h.run(Effect.flatMap(AccountService, (s) => s.remove(bob)))
      expect((await counts()).length).toBe(3)
      expect(await counts()).toEqual([1, 0, 1])
    })

    it("the unread count counts up to UNREAD_COUNTED, nothing read, nobody who blocked me", async () => {
      const [adaH, bobH, cemH] = [handle("ada"), handle("bob"), handle("cem")]
      const [ada, bob, cem] = [await h.member(adaH), await h.member(bobH), await h.member(cemH)]
      const unread = () => h.run(Effect.flatMap(FeedService, (s) => s.unreadCount(ada)))
      let n = 0
      const told = async (actor: string, count: number, read: boolean) => {
        for (let i = 0; i < count; i++, n++) {
          h.advanceDays(1 / 86_400)
          const at = h.now().toISOString()
          await h.query(
            `INSERT INTO notifications (id, recipient_id, kind, actor_id, subject_id, at, read_at)
             VALUES (?, ?, 'postLiked', ?, 'p', ?, ?)`,
            [`n${n}`, ada, actor, at, read ? at : null],
          )
        }
      }
      await told(bob, 30, true)
      expect(await unread()).toBe(0)
      await told(bob, UNREAD_COUNTED + 20, false)
      expect(await unread()).toBe(UNREAD_COUNTED)
      await h.run(Effect.flatMap(FeedService, (s) => s.markRead(ada, null)))
      expect(await unread()).toBe(0)
      await told(bob, 3, false)
      await told(cem, 2, false)
      expect(await unread()).toBe(5)
      await h.run(Effect.flatMap(ContactService, (s) => s.block(cem, adaH)))
      expect(await unread()).toBe(3)
    })

    it("the feed: mute, block and delete take effect on the next read, and unmuting brings it back", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const [ada, bob] = [await h.member(adaH), await h.member(bobH)]
      await connect(ada, bobH, bob)
      const p = await post(ada, "Hallo Netzwerk")
      const key = `post:${p.post.id}`
      const sees = async () => (await feedOf(bob)).some((i) => i.subjectKey === key)
      expect(await sees()).toBe(true)
      await h.run(Effect.flatMap(ContactService, (s) => s.update(bob, adaH, { muted: true })))
      expect(await sees()).toBe(false)
      await h.run(Effect.flatMap(ContactService, (s) => s.update(bob, adaH, { muted: false })))
      expect(await sees()).toBe(true)
      await h.run(Effect.flatMap(ContactService, (s) => s.remove(bob, adaH)))
      expect(await sees()).toBe(false)
      await connect(ada, bobH, bob)
      expect(await sees()).toBe(true)
      await h.run(Effect.flatMap(ContactService, (s) => s.block(ada, bobH)))
      expect(await sees()).toBe(false)
    })

    it("the feed pages by its cursor: every item once, newest first, whatever the page size", async () => {
      const [readerH, writerH] = [handle("reader"), handle("writer")]
      const [reader, writer] = [await h.member(readerH), await h.member(writerH)]
      await connect(writer, readerH, reader)
      const keys: string[] = []
      for (let i = 0; i < 7; i++) {
        keys.push(`post:${(await post(writer, `Beitrag ${i}`)).post.id}`)
        h.advanceDays(0.001)
      }
      const seen: string[] = []
      let after: { at: number; key: string } | null = null
      for (let i = 0; i < 10; i++) {
        const page: Awaited<ReturnType<typeof feedPage>> = await feedPage(reader, 3, after)
        seen.push(...page.items.map((item) => item.key))
        if (page.next === null) break
        after = page.next
      }
      const connection = `connection:${[reader, writer].sort().join(":")}`
      expect(seen.filter((k) => k !== connection)).toEqual([...keys].reverse())
    })

    it("a session names its whole member and brings the read model to what was committed before it", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const [ada, bob] = [await h.member(adaH), await h.member(bobH)]
      await connect(ada, bobH, bob)
      const resolve = (secret: string) =>
        h.run(Effect.flatMap(Accounts, (a) => a.resolveSession(secret, h.now())))
      const secret = await h.run(Effect.flatMap(Accounts, (a) => a.createSession(bob, h.now(), 30)))
      // The first lookup may load the model; the second reads the member and the new events at once.
      expect(Option.map(await resolve(secret), (m) => m.handle)).toEqual(Option.some(bobH))
      await post(ada, "Neu seit der letzten Anfrage")
      const member = await resolve(secret)
      expect(Option.map(member, (m) => [m.id, m.hasPhoto, m.settings.locale])).toEqual(
        Option.some([bob, false, expect.any(String)]),
      )
      const last = await h.query("SELECT MAX(seq) AS seq FROM outbox")
      const position = await h.run(Effect.map(ReadModel, (m) => m.position()))
      expect(Number(position)).toBe(Number(last[0]?.["seq"]))
      expect(Option.isNone(await resolve("ks_unknown"))).toBe(true)
      // It slides: 30 days after its last use, renewed at most once a day.
      const slide = () => h.run(Effect.flatMap(Accounts, (a) => a.session(secret, h.now(), 30)))
      expect((await slide()).renewedUntil).toBeNull()
      h.advanceDays(20)
      expect((await slide()).renewedUntil?.getTime()).toBe(h.now().getTime() + 30 * 86_400_000)
      expect((await slide()).renewedUntil).toBeNull()
      h.advanceDays(25)
      expect(Option.isSome((await slide()).member)).toBe(true)
      h.advanceDays(31)
      expect(Option.isNone((await slide()).member)).toBe(true)
    })

    it("sessions are listed by id and ended one by one or all but one; a new password ends them, and the tokens unless kept", async () => {
      const ada = await h.member(handle("ada"))
      const start = (ua: string) => accounts((a) => a.createSession(ada, h.now(), 30, ua))
      const [laptop, phone, tablet] = [
        await start("Firefox"),
        await start("Safari"),
        await start("x".repeat(600)),
      ]
      const list = () => accounts((a) => a.sessions(ada, h.now()))
      const idOf = async (secret: string) =>
        (await accounts((a) => a.session(secret, h.now(), 30))).sessionId ?? ""
      // Used a minute later, a session counts as used then; the others as when they began.
      h.advanceDays(1 / 1440)
      const phoneId = await idOf(phone)
      const listed = await list()
      expect(listed.map((s) => s.id === phoneId)).toEqual([true, false, false])
      // Kept to 512 characters.
      expect(listed.map((s) => s.userAgent.length).sort((x, y) => x - y)).toEqual([6, 7, 512])
      expect(listed[0]?.lastUsedAt.getTime()).toBe(h.now().getTime())
      expect(listed[1]?.lastUsedAt.getTime()).toBe(listed[1]?.createdAt.getTime())
      expect(new Set(listed.map((s) => s.id)).size).toBe(3)
      // One by one, by id, only the member's own.
      const stranger = await h.member(handle("stranger"))
      const laptopId = await idOf(laptop)
      expect(await accounts((a) => a.endSessionById(stranger, laptopId))).toBe(false)
      expect(await accounts((a) => a.endSessionById(ada, laptopId))).toBe(true)
      expect(Option.isNone(await accounts((a) => a.resolveSession(laptop, h.now())))).toBe(true)
      // All but one.
      await accounts((a) => a.endOtherSessions(ada, phone))
      expect((await list()).map((s) => s.id)).toEqual([phoneId])
      expect(Option.isNone(await accounts((a) => a.resolveSession(tablet, h.now())))).toBe(true)
      // A new password: other sessions end, tokens too unless kept, trusted browsers are forgotten.
      const other = await start("Chrome")
      const kept = await accounts((a) => a.createToken(ada, "kept", h.now()))
      await h.run(Effect.flatMap(TrustedDevices, (d) => d.remember(ada, null, h.now())))
      await accounts((a) => a.changePassword(ada, "new-hash", phone, { keepTokens: true }))
      expect(Option.isNone(await accounts((a) => a.resolveSession(other, h.now())))).toBe(true)
      expect(Option.isSome(await accounts((a) => a.resolveSession(phone, h.now())))).toBe(true)
      expect(Option.isSome(await accounts((a) => a.tokenMember(kept.secret, h.now())))).toBe(true)
      expect(
        await h.query("SELECT password_hash AS hash FROM members WHERE id = ?", [ada]),
      ).toEqual([{ hash: "new-hash" }])
      expect(
        await h.query("SELECT COUNT(*) AS n FROM trusted_devices WHERE member_id = ?", [ada]),
      ).toEqual([{ n: 0 }])
      await accounts((a) => a.changePassword(ada, "newer-hash", phone, { keepTokens: false }))
      expect(Option.isNone(await accounts((a) => a.tokenMember(kept.secret, h.now())))).toBe(true)
      // Expired sessions are neither listed nor kept.
      h.advanceDays(31)
      expect(await list()).toEqual([])
      expect(
        await h.query("SELECT COUNT(*) AS n FROM sessions WHERE member_id = ?", [ada]),
      ).toEqual([{ n: 0 }])
    })

    it("tokens carry their scope and stop at their expiry", async () => {
      const ada = await h.member(handle("ada"))
      const read = await accounts((a) =>
        a.createToken(ada, "read", h.now(), {
          scope: "read",
          expiresAt: new Date(h.now().getTime() + 2 * 86_400_000),
        }),
      )
      const forever = await accounts((a) => a.createToken(ada, "rw", h.now()))
      expect(await accounts((a) => a.tokenMember(read.secret, h.now()))).toEqual(
        Option.some({ member: ada, scope: "read" }),
      )
      expect(await accounts((a) => a.tokenMember(forever.secret, h.now()))).toEqual(
        Option.some({ member: ada, scope: "read-write" }),
      )
      expect(
        (await accounts((a) => a.tokens(ada))).map((t) => [
          t.name,
          t.scope,
          t.expiresAt?.getTime() ?? null,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ["read", "read", h.now().getTime() + 2 * 86_400_000],
          ["rw", "read-write", null],
        ]),
      )
      h.advanceDays(3)
      expect(Option.isNone(await accounts((a) => a.tokenMember(read.secret, h.now())))).toBe(true)
      expect(Option.isSome(await accounts((a) => a.tokenMember(forever.secret, h.now())))).toBe(
        true,
      )
    })

    it("the outbox is pruned: events no feed needs after a week, the feed's a week after the feed's reach, each pass from where the last stopped", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const [ada, bob] = [await h.member(adaH), await h.member(bobH)]
      await connect(ada, bobH, bob)
      const since = Number((await h.query("SELECT MAX(seq) AS seq FROM outbox"))[0]?.["seq"])
      const mute = (muted: boolean) =>
        h.run(Effect.flatMap(ContactService, (s) => s.update(bob, adaH, { muted })))
      const kept = async () =>
        (await h.query("SELECT tag FROM outbox WHERE seq > ? ORDER BY seq", [since])).map(
          (r) => r["tag"],
        )
      const prune = () => h.run(Effect.flatMap(OutboxRetention, (r) => r.prune(h.now())))
      await mute(true)
      await post(ada, "Alt")
      h.advanceDays(8)
      await mute(false)
      await post(ada, "Neu")
      expect(await kept()).toEqual([
        "ContactMuted",
        "PostPublished",
        "ContactUnmuted",
        "PostPublished",
      ])
      // A week on, the first mute goes; the feed keeps its post.
      expect(await prune()).toBeGreaterThanOrEqual(1)
      expect(await kept()).toEqual(["PostPublished", "ContactUnmuted", "PostPublished"])
      // Nothing more to do: the pass starts where it stopped.
      expect(await prune()).toBe(0)
      const marks = await h.query("SELECT name, seq FROM outbox_retention ORDER BY name")
      expect(Number(marks.find((m) => m["name"] === "others")?.["seq"])).toBeGreaterThan(since)
      // More than 187 days (the feed's 180 and a week) after the first post it goes; the second is 8 days younger and stays.
      h.advanceDays(187 - 8 + 0.5)
      await prune()
      expect(await kept()).toEqual(["PostPublished"])
      h.advanceDays(8)
      await prune()
      expect(await kept()).toEqual([])
      // What the outbox no longer holds, the tables do: a fresh load reads the mute from them.
      expect(
        await h.query("SELECT muted FROM contacts WHERE owner_id = ? AND contact_id = ?", [
          bob,
          ada,
        ]),
      ).toEqual([{ muted: 0 }])
      // New events still follow on, numbered after the pruned ones.
      await mute(true)
      expect(
        Number(
          (await h.query("SELECT MIN(seq) AS seq FROM outbox WHERE seq > ?", [since]))[0]?.["seq"],
        ),
      ).toBeGreaterThan(since + 4)
    })

    it("sign-in attempts count before their check, in the database; success takes one back", async () => {
      const key = `account:${handle("guess")}`
      const other = `address:${handle("net")}`
      const begin = (keys: { key: string; limit: number }[]) =>
        h.run(Effect.flatMap(LoginAttempts, (a) => a.begin(keys, 15 * 60_000, h.now())))
      const counted: string[] = []
      for (let i = 0; i < 3; i++) {
        const b = await begin([
          { key, limit: 3 },
          { key: other, limit: 10 },
        ])
        if (b._tag !== "Counted") throw new Error("refused too early")
        counted.push(b.attempt)
      }
      const refused = await begin([{ key, limit: 3 }])
      expect(refused).toEqual({ _tag: "Refused", retryAfterSeconds: 900 })
      // The other key counted each of them too.
      expect(
        await h.query("SELECT COUNT(*) AS n FROM login_attempts WHERE throttle_key = ?", [other]),
      ).toEqual([{ n: 3 }])
      // A success takes its own attempt back, and clears the earlier failures of the keys named.
      await h.run(Effect.flatMap(LoginAttempts, (a) => a.succeeded(counted[2] ?? "", [key])))
      expect((await begin([{ key, limit: 3 }]))._tag).toBe("Counted")
      expect(
        await h.query("SELECT COUNT(*) AS n FROM login_attempts WHERE throttle_key = ?", [other]),
      ).toEqual([{ n: 2 }])
      // Past the window, older attempts no longer count.
      h.advanceDays(1)
      expect((await begin([{ key: other, limit: 1 }]))._tag).toBe("Counted")
    })

    it("a browser is trusted for the accounts it signed in to, at most 20 per account, and forgotten with the account", async () => {
      const [ada, bob] = [await h.member(handle("ada")), await h.member(handle("bob"))]
      const emailOf = async (id: string) =>
        String((await h.query("SELECT email FROM members WHERE id = ?", [id]))[0]?.["email"])
      const [adaEmail, bobEmail] = [await emailOf(ada), await emailOf(bob)]
      const remember = (member: string, brought: string | null) =>
        h.run(Effect.flatMap(TrustedDevices, (d) => d.remember(member, brought, h.now())))
      const trusted = (secret: string, email: string) =>
        h.run(Effect.flatMap(TrustedDevices, (d) => d.trusted(secret, email))).then(Option.isSome)

      const first = await remember(ada, null)
      expect(await trusted(first, adaEmail)).toBe(true)
      expect(await trusted(first, bobEmail)).toBe(false)
      expect(await trusted("kd_unknown", adaEmail)).toBe(false)
      // Brought back, it stays; brought to another account, that account gets a new one.
      expect(await remember(ada, first)).toBe(first)
      const bobs = await remember(bob, first)
      expect(bobs).not.toBe(first)
      expect([await trusted(bobs, bobEmail), await trusted(first, adaEmail)]).toEqual([true, true])
      // Only the hash is stored.
      const stored = await h.query("SELECT token_hash FROM trusted_devices WHERE member_id = ?", [
        ada,
      ])
      expect(stored.map((r) => r["token_hash"])).not.toContain(first)
      // The longest unused go first.
      for (let i = 0; i < DEVICES_PER_MEMBER; i++) {
        h.advanceDays(1)
        await remember(ada, null)
      }
      expect(
        await h.query("SELECT COUNT(*) AS n FROM trusted_devices WHERE member_id = ?", [ada]),
      ).toEqual([{ n: DEVICES_PER_MEMBER }])
      expect(await trusted(first, adaEmail)).toBe(false)
      await h.run(Effect.flatMap(AccountService, (s) => s.remove(bob)))
      expect(
        await h.query("SELECT COUNT(*) AS n FROM trusted_devices WHERE member_id = ?", [bob]),
      ).toEqual([{ n: 0 }])
    })

    it("a member's new name sorts them anew in every list they are a contact in", async () => {
      const [bobH, adaH, cemH] = [handle("bob"), handle("ada"), handle("cem")]
      const [bob, ada, cem] = [await h.member(bobH), await h.member(adaH), await h.member(cemH)]
      await connect(ada, bobH, bob)
      await connect(cem, bobH, bob)
      const names = () =>
        h
          .run(
            Effect.flatMap(Contacts, (c) =>
              c.page(bob, { sort: "name", limit: 10, after: null, categoryId: null }),
            ),
          )
          .then((p) => p.items.map((i) => i.member.displayName))
      expect(await names()).toEqual([expect.stringMatching(/^Ada/), expect.stringMatching(/^Cem/)])
      await h.run(Effect.flatMap(Members, (m) => m.updateProfile(ada, { displayName: "Zora Ada" })))
      expect(await names()).toEqual([expect.stringMatching(/^Cem/), "Zora Ada"])
    })

    it("a member's name, photo and departure show at once in another process that showed them before", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const [ada, bob] = [await h.member(adaH), await h.member(bobH)]
      await connect(ada, bobH, bob)
      await post(ada, "Wer kennt jemanden bei der Messe?")
      // Another process on the same database: its own read model, its own members in memory.
      const other = await makeHarness(config)
      try {
        const authorSeenByBob = async () => {
          const page = await feedPage(bob, 20, null)
          const author = page.items.find((i) => i.post !== null)?.post?.author
          return [author?.displayName, author?.headline, author?.hasPhoto]
        }
        expect(await authorSeenByBob()).toEqual([expect.any(String), "", false])
        await other.run(
          Effect.flatMap(Members, (m) =>
            m.updateProfile(ada, { displayName: "Ada Neu", headline: "Messebau" }),
          ),
        )
        expect(await authorSeenByBob()).toEqual(["Ada Neu", "Messebau", false])
        await other.run(
          Effect.flatMap(Members, (m) =>
            m.setPhoto(ada, "image/png", new Uint8Array([137, 80, 78, 71]), other.now()),
          ),
        )
        expect(await authorSeenByBob()).toEqual(["Ada Neu", "Messebau", true])
        await other.run(Effect.flatMap(Members, (m) => m.deletePhoto(ada)))
        expect(await authorSeenByBob()).toEqual(["Ada Neu", "Messebau", false])
        // A profile patch that changes nothing is no news.
        const events = async () =>
          Number((await h.query("SELECT COUNT(*) AS n FROM outbox"))[0]?.["n"])
        const before = await events()
        await other.run(Effect.flatMap(Members, (m) => m.updateProfile(ada, {})))
        expect(await events()).toBe(before)
        const summaryOfAda = () =>
          h.run(Effect.flatMap(Members, (m) => m.summaries([ada]))).then((m) => m.get(ada))
        expect((await summaryOfAda())?.displayName).toBe("Ada Neu")
        await other.run(Effect.flatMap(AccountService, (a) => a.remove(ada)))
        expect(await summaryOfAda()).toBeUndefined()
      } finally {
        await other.close()
      }
    })

    const asksOf = (asker: string) =>
      h.run(Effect.flatMap(Introductions, (i) => i.askedBy(asker, 50, null)))

    it("a sender's own categories wait with the request and land on their record at accept", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const ada = await h.member(adaH)
      const bob = await h.member(bobH)
      const mine = await h.run(
        Effect.flatMap(CategoryService, (s) => s.create(ada, { name: "Messe" })),
      )
      const theirs = await h.run(
        Effect.flatMap(CategoryService, (s) => s.create(bob, { name: "Kunden" })),
      )
      const refused = await h.attempt(
        Effect.flatMap(RequestService, (s) =>
          s.send(ada, bobH, { message: "Hallo", foundVia: null, categoryIds: [theirs.id] }),
        ),
      )
      expect(tagOf(refused)).toBe("CategoryNotFound")
      const sent = await h.attempt(
        Effect.flatMap(RequestService, (s) =>
          s.send(ada, bobH, { message: "Hallo", foundVia: null, categoryIds: [mine.id] }),
        ),
      )
      const id = await idOf(sent)
      expect((await outgoing(ada))[0]?.categoryIds).toEqual([mine.id])
      const incoming = await h.run(
        Effect.flatMap(Requests, (r) => r.incoming(bob, "pending", 10, null)),
      )
      expect(incoming[0]?.senderCategoryIds).toEqual([mine.id])
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(bob, id, {})))
      const record = await h.run(Effect.flatMap(Contacts, (c) => c.record(ada, bob)))
      expect(record?.categoryIds).toEqual([mine.id])
      const theirRecord = await h.run(Effect.flatMap(Contacts, (c) => c.record(bob, ada)))
      expect(theirRecord?.categoryIds).toEqual([])
    })

    it("an introduction: asked of a mutual contact, forwarded as the asker's request with the introducer's note", async () => {
      const [adaH, bobH, carlH] = [handle("ada"), handle("bob"), handle("carl")]
      const ada = await h.member(adaH)
      const bob = await h.member(bobH)
      const carl = await h.member(carlH)
      await connect(ada, bobH, bob)
      const ask = (via: string, to: string) =>
        h.attempt(
          Effect.flatMap(IntroductionService, (s) => s.ask(ada, via, to, "Wegen der Messe")),
        )
      expect(tagOf(await ask(bobH, carlH))).toBe("IntroducerNotOnPath")
      await connect(bob, carlH, carl)
      expect(tagOf(await ask(carlH, bobH))).toBe("ContactNotFound")
      // Later than the connections' notifications, so that "the latest" is the ask's.
      h.advanceDays(1 / 1440)
      const asked = await ask(bobH, carlH)
      if (Either.isLeft(asked)) throw new Error(asked.left._tag)
      expect(tagOf(await ask(bobH, carlH))).toBe("IntroductionAlreadyOpen")
      expect((await notificationsOf(bob)).at(-1)).toEqual({
        kind: "introductionAsked",
        actorId: ada,
      })
      const waiting = await h.run(Effect.flatMap(Introductions, (i) => i.waiting(bob, 10, null)))
      expect(waiting.map((i) => i.id)).toEqual([asked.right.id])
      const carlBefore = await notificationsOf(carl)
      expect(carlBefore.some((n) => n["kind"] === "introductionAsked")).toBe(false)

      h.advanceDays(1)
      const forwarded = await h.run(
        Effect.flatMap(IntroductionService, (s) => s.forward(bob, asked.right.id, "Ada, Carl.")),
      )
      expect(forwarded.state).toBe("forwarded")
      const [request] = await h.run(
        Effect.flatMap(Requests, (r) => r.incoming(carl, "pending", 10, null)),
      )
      expect(request).toMatchObject({
        id: forwarded.requestId,
        from: ada,
        message: "Wegen der Messe",
        foundVia: { kind: "introduction", via: bobH },
        introduction: { by: bob, note: "Ada, Carl." },
      })
      expect((await asksOf(ada)).map((a) => a.state)).toEqual(["forwarded"])
      expect((await notificationsOf(ada)).at(-1)).toEqual({
        kind: "introductionForwarded",
        actorId: bob,
      })
      expect(
        tagOf(
          await h.attempt(
            Effect.flatMap(IntroductionService, (s) => s.forward(bob, asked.right.id, null)),
          ),
        ),
      ).toBe("IntroductionNotFound")
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(carl, request?.id ?? "", {})))
      const note = (await h.run(Effect.flatMap(Contacts, (c) => c.record(carl, ada))))?.note
      expect(note).toContain(`@${bobH}`)
      expect(note).toContain("Ada, Carl.")
    })

    it("a declined introduction is silent: the asker's and the target's views do not change", async () => {
      const [adaH, bobH, carlH] = [handle("ada"), handle("bob"), handle("carl")]
      const ada = await h.member(adaH)
      const bob = await h.member(bobH)
      const carl = await h.member(carlH)
      await connect(ada, bobH, bob)
      await connect(bob, carlH, carl)
      const asked = await h.run(
        Effect.flatMap(IntroductionService, (s) => s.ask(ada, bobH, carlH, "Bitte")),
      )
      const seen = async () => ({
        asks: await asksOf(ada),
        askerTold: await notificationsOf(ada),
        targetTold: await notificationsOf(carl),
        targetInbox: await h.run(
          Effect.flatMap(Requests, (r) => r.incoming(carl, "pending", 10, null)),
        ),
      })
      const before = await seen()
      h.advanceDays(1)
      await h.run(Effect.flatMap(IntroductionService, (s) => s.decline(bob, asked.id)))
      expect(await seen()).toEqual(before)
      const again = await h.attempt(
        Effect.flatMap(IntroductionService, (s) => s.ask(ada, bobH, carlH, "Bitte")),
      )
      expect(tagOf(again)).toBe("IntroductionAlreadyOpen")
      const waiting = await h.run(Effect.flatMap(Introductions, (i) => i.waiting(bob, 10, null)))
      expect(waiting).toEqual([])
    })

    it("a forward the target's block stops answers the introducer the same and sends nothing", async () => {
      const [adaH, bobH, carlH] = [handle("ada"), handle("bob"), handle("carl")]
      const ada = await h.member(adaH)
      const bob = await h.member(bobH)
      const carl = await h.member(carlH)
      await connect(ada, bobH, bob)
      await connect(bob, carlH, carl)
      const asked = await h.run(
        Effect.flatMap(IntroductionService, (s) => s.ask(ada, bobH, carlH, "Bitte")),
      )
      await h.run(Effect.flatMap(ContactService, (s) => s.block(carl, adaH)))
      const forwarded = await h.run(
        Effect.flatMap(IntroductionService, (s) => s.forward(bob, asked.id, null)),
      )
      expect(forwarded).toMatchObject({ state: "forwarded", requestId: null })
      const inbox = await h.run(
        Effect.flatMap(Requests, (r) => r.incoming(carl, "pending", 10, null)),
      )
      expect(inbox).toEqual([])
    })

    it("a recommendation tells the contacts named, and leaves out silently whom a block separates from the member", async () => {
      const [bobH, adaH, carlH, danaH] = [
        handle("bob"),
        handle("ada"),
        handle("carl"),
        handle("dana"),
      ]
      const bob = await h.member(bobH)
      const ada = await h.member(adaH)
      const carl = await h.member(carlH)
      const dana = await h.member(danaH)
      for (const [x, yH, y] of [
        [bob, adaH, ada],
        [bob, carlH, carl],
        [bob, danaH, dana],
      ] as const)
        await connect(x, yH, y)
      await h.run(Effect.flatMap(ContactService, (s) => s.block(carl, danaH)))
      h.advanceDays(1 / 1440)
      const rows = await h.run(
        Effect.flatMap(IntroductionService, (s) =>
          s.recommend(bob, danaH, [adaH, carlH], "Dana kennt die Messe."),
        ),
      )
      expect(rows.map((r) => [r.to, r.delivered])).toEqual([
        [ada, true],
        [carl, false],
      ])
      expect((await notificationsOf(ada)).at(-1)).toEqual({
        kind: "memberRecommended",
        actorId: bob,
      })
      expect((await notificationsOf(carl)).some((n) => n["kind"] === "memberRecommended")).toBe(
        false,
      )
      const stored = await h.run(
        Effect.flatMap(Recommendations, (r) => r.byIds([rows[0]?.id ?? ""])),
      )
      expect(stored).toMatchObject([{ member: dana, note: "Dana kennt die Messe.", to: ada }])
      const stranger = await h.attempt(
        Effect.flatMap(IntroductionService, (s) => s.recommend(bob, danaH, ["nobody-x"], null)),
      )
      expect(tagOf(stranger)).toBe("ContactNotFound")
    })

    it("after all of the above every invariant holds, and a broken one is reported", async () => {
      expect(await h.run(invariantViolations)).toEqual([])
      // Two records of one connection that disagree on when it began: what the check exists to find.
      const [xH, yH] = [handle("half"), handle("other")]
      const [x, y] = [await h.member(xH), await h.member(yH)]
      const id = await idOf(await send(x, yH))
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(y, id, {})))
      await h.query(
        "UPDATE contacts SET connected_at = '2020-01-01' WHERE owner_id = ? AND contact_id = ?",
        [x, y],
      )
      const found = await h.run(invariantViolations)
      expect(found.map((v) => v.invariant)).toEqual([
        "a connection's two records agree on when and by which request",
      ])
      await h.run(Effect.flatMap(ContactService, (s) => s.remove(x, yH)))
    })

    it("an address book import: created once, merged by email or profile address, the same file again changes nothing; nobody else's book is touched", async () => {
      const owner = await h.member(handle("sandra"))
      const other = await h.member(handle("olga"))
      const kunden = await h.run(
        Effect.flatMap(CategoryService, (s) => s.create(owner, { name: "Kunden" })),
      )
      const person = imported
      const file: ImportedPerson[] = [
        person(2, "Jana Müller", {
          emails: ["jana@example.org"],
          company: "Müller GmbH",
          categoryNames: ["kunden"],
          connectedAt: new Date("2019-03-04T00:00:00.000Z"),
        }),
        person(3, "Tom Weber", { urls: ["https://www.linkedin.com/in/tweber"] }),
        person(4, "", { emails: ["nobody@example.org"] }),
        person(5, "Ohne Weg"),
      ]
      const importFile = (who: string, people: readonly ImportedPerson[]) =>
        h.run(Effect.flatMap(AddressBook, (b) => b.importPeople(who, people, "linkedin", "de")))
      const bookOf = (who: string) =>
        h.run(
          Effect.flatMap(AddressBook, (b) =>
            b.page(who, { categoryId: null, q: null, limit: 100, after: null }),
          ),
        )
      const first = await importFile(owner, file)
      expect(first).toEqual({
        created: 2,
        merged: 0,
        unchanged: 0,
        skipped: [
          { line: 4, reason: "noName" },
          { line: 5, reason: "noWayToReach" },
        ],
      })
      const after = await bookOf(owner)
      expect(after.items.map((e) => e.displayName)).toEqual(["Jana Müller", "Tom Weber"])
      expect(after.items[0]).toMatchObject({
        emails: ["jana@example.org"],
        company: "Müller GmbH",
        source: "linkedin",
        categoryIds: [kunden.id],
        note: "Auf LinkedIn verbunden seit dem 04.03.2019.",
        connectedAt: new Date("2019-03-04T00:00:00.000Z"),
      })
      const again = await importFile(owner, file)
      expect(again).toMatchObject({ created: 0, merged: 0, unchanged: 2 })
      expect(await bookOf(owner)).toEqual(after)

      const merged = await importFile(owner, [
        person(2, "Tom Weber", {
          urls: ["http://linkedin.com/in/tweber/"],
          emails: ["tom@example.org"],
        }),
      ])
      expect(merged).toMatchObject({ created: 0, merged: 1 })
      const tom = (await bookOf(owner)).items.find((e) => e.displayName === "Tom Weber")
      expect(tom?.emails).toEqual(["tom@example.org"])
      // The merged email is a key now: a file naming Tom by it finds him.
      expect(
        await importFile(owner, [person(2, "Thomas Weber", { emails: ["TOM@example.org"] })]),
      ).toMatchObject({ created: 0, merged: 0, unchanged: 1 })

      expect((await bookOf(other)).items).toEqual([])
      const othersImport = await importFile(other, file)
      expect(othersImport.created).toBe(2)
      const search = await h.run(
        Effect.flatMap(AddressBook, (b) =>
          b.page(owner, { categoryId: kunden.id, q: "müller", limit: 10, after: null }),
        ),
      )
      expect(search.items.map((e) => e.displayName)).toEqual(["Jana Müller"])

      // Another's entry reads as none; a category taken away leaves the entry.
      const jana = after.items[0]?.id ?? ""
      const foreign = await h.attempt(Effect.flatMap(AddressBook, (b) => b.get(other, jana)))
      expect(tagOf(foreign)).toBe("EntryNotFound")
      await h.run(Effect.flatMap(CategoryService, (s) => s.remove(owner, kunden.id)))
      const kept = await h.run(Effect.flatMap(AddressBook, (b) => b.get(owner, jana)))
      expect(kept.categoryIds).toEqual([])
      const changed = await h.run(
        Effect.flatMap(AddressBook, (b) =>
          b.update(owner, jana, { importance: "high", note: "Messe 2019" }),
        ),
      )
      expect(changed).toMatchObject({ importance: "high", note: "Messe 2019" })
      await h.run(Effect.flatMap(AddressBook, (b) => b.remove(owner, jana)))
      expect((await bookOf(owner)).items.map((e) => e.displayName)).toEqual(["Tom Weber"])
    })

    it("address book review: an entry falls due like a contact; keep starts a new cadence, snooze puts it off, delete removes it", async () => {
      const owner = await h.member(handle("rita"))
      await importInto(
        owner,
        ["Alma Alt", "Bert Bau", "Cora Cent"].map((name, i) =>
          imported(i + 2, name, { emails: [emailOf(name)] }),
        ),
      )
      const due = async () => (await entriesOf(owner, true)).map((e) => e.displayName)
      expect(await due()).toEqual([])
      h.advanceDays(90)
      expect(await due()).toEqual(["Alma Alt", "Bert Bau", "Cora Cent"])
      const [alma, bert, cora] = await entriesOf(owner)
      const review = (id: string | undefined, decision: Parameters<AddressBook["review"]>[2]) =>
        h.run(Effect.flatMap(AddressBook, (b) => b.review(owner, id ?? "", decision)))
      const kept = await review(alma?.id, { decision: "keep" })
      expect(kept?.lastReviewedAt).toEqual(h.now())
      await review(bert?.id, { decision: "snooze", snoozeDays: 30 })
      expect(await review(cora?.id, { decision: "delete" })).toBeNull()
      expect(await due()).toEqual([])
      h.advanceDays(30)
      expect(await due()).toEqual(["Bert Bau"])
      h.advanceDays(150)
      expect(await due()).toEqual(["Alma Alt", "Bert Bau"])
      const stranger = await h.member(handle("sam"))
      expect(
        tagOf(
          await h.attempt(
            Effect.flatMap(AddressBook, (b) =>
              b.review(stranger, alma?.id ?? "", { decision: "keep" }),
            ),
          ),
        ),
      ).toBe("EntryNotFound")
    })

    it("address book review: an entry in a category with its own cadence falls due by it, as a contact does", async () => {
      const owner = await h.member(handle("rosa"))
      const kunden = await h.run(
        Effect.flatMap(CategoryService, (s) =>
          s.create(owner, { name: "Kunden", reviewEveryDays: 30 }),
        ),
      )
      await h.run(
        Effect.flatMap(CategoryService, (s) =>
          s.create(owner, { name: "Messe", reviewEveryDays: 60 }),
        ),
      )
      await importInto(owner, [
        imported(2, "Kai Kunde", {
          emails: [emailOf("Kai")],
          categoryNames: ["Kunden", "Messe"],
        }),
        imported(3, "Olga Ohne", { emails: [emailOf("Olga")] }),
      ])
      const all = () => entriesOf(owner)
      const due = async () => (await entriesOf(owner, true)).map((e) => e.displayName)
      const [kai, olga] = await all()
      expect([kai?.categoryCadenceDays, olga?.categoryCadenceDays]).toEqual([30, null])
      h.advanceDays(90)
      for (const e of [kai, olga])
        await h.run(
          Effect.flatMap(AddressBook, (b) => b.review(owner, e?.id ?? "", { decision: "keep" })),
        )
      const [kept] = await all()
      const dueAt = await h.run(
        Effect.flatMap(AddressBook, (b) => Effect.succeed(b.dueAt(kept as StoredEntry, 180))),
      )
      expect(dueAt.getTime() - h.now().getTime()).toBe(30 * 86_400_000)
      h.advanceDays(29)
      expect(await due()).toEqual([])
      h.advanceDays(1)
      expect(await due()).toEqual(["Kai Kunde"])
      // Out of Kunden, Messe's 60 days count; out of both, the owner's 180.
      const changed = await h.run(
        Effect.flatMap(AddressBook, (b) =>
          b.update(owner, kai?.id ?? "", {
            categoryIds: (kai?.categoryIds ?? []).filter((c) => c !== kunden.id),
          }),
        ),
      )
      expect(changed.categoryCadenceDays).toBe(60)
      expect(await due()).toEqual([])
      h.advanceDays(30)
      expect(await due()).toEqual(["Kai Kunde"])
      h.advanceDays(120)
      expect(await due()).toEqual(["Kai Kunde", "Olga Ohne"])
    })

    it("matching: only members findable by email match, nobody blocked; a request sent from an entry moves its curation onto the contact record on accept and the entry goes", async () => {
      const ownerHandle = handle("sandra")
      const owner = await h.member(ownerHandle, { locale: "de" })
      const findable = await h.member(handle("jana"), { findableByEmail: true })
      const hidden = await h.member(handle("olaf"))
      const blocker = await h.member(handle("bea"), { findableByEmail: true })
      const emailOf = async (id: string) =>
        (
          await h.query<{ email: string; handle: string }>(
            "SELECT email, handle FROM members WHERE id = ?",
            [id],
          )
        )[0] ?? {
          email: "",
          handle: "",
        }
      const [jana, olaf, bea] = await Promise.all([findable, hidden, blocker].map(emailOf))
      await h.run(Effect.flatMap(ContactService, (s) => s.block(blocker, ownerHandle)))
      const kunden = await h.run(
        Effect.flatMap(CategoryService, (s) => s.create(owner, { name: "Kunden" })),
      )
      const person = (line: number, name: string, email: string) =>
        imported(line, name, { emails: [email.toUpperCase()], categoryNames: ["Kunden"] })
      await importInto(
        owner,
        [
          person(2, "Jana Jung", jana?.email ?? ""),
          person(3, "Olaf Ohm", olaf?.email ?? ""),
          person(4, "Bea Bach", bea?.email ?? ""),
          person(5, "Nora Niemand", "nobody-here@example.org"),
        ],
        "linkedin",
        "de",
      )
      const entries = await entriesOf(owner)
      const matched = async () => {
        const m = await h.run(Effect.flatMap(AddressBook, (b) => b.matches(owner, entries)))
        return entries.map((e) => [
          e.displayName,
          m.get(e.id)?.member.handle ?? null,
          m.get(e.id)?.status ?? null,
        ])
      }
      expect(await matched()).toEqual([
        ["Bea Bach", null, null],
        ["Jana Jung", jana?.handle, "none"],
        ["Nora Niemand", null, null],
        ["Olaf Ohm", null, null],
      ])
      const viaImport = (to: string) =>
        h.attempt(
          Effect.flatMap(RequestService, (s) =>
            s.send(owner, to, { message: "Hallo", foundVia: { kind: "import", source: "csv" } }),
          ),
        )
      // Olaf is not findable: sent "from an entry" to him reads as to a member no entry names.
      expect(tagOf(await viaImport(olaf?.handle ?? ""))).toBe("EntryNotFound")
      const sent = await viaImport(jana?.handle ?? "")
      const requestId = await idOf(sent)
      // The recorded source is the entry's, whatever the client said.
      expect(
        Either.isRight(sent) && sent.right._tag === "Sent" && sent.right.request.foundVia,
      ).toEqual({
        kind: "import",
        source: "linkedin",
      })
      expect((await matched())[1]).toEqual(["Jana Jung", jana?.handle, "requestSent"])
      const janaEntry = entries.find((e) => e.displayName === "Jana Jung")
      await h.run(
        Effect.flatMap(AddressBook, (b) =>
          b.update(owner, janaEntry?.id ?? "", {
            note: "Messe 2019, sehr gut.",
            importance: "high",
          }),
        ),
      )
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(findable, requestId, {})))
      const record = await h.run(Effect.flatMap(Contacts, (c) => c.record(owner, findable)))
      expect(record).toMatchObject({
        categoryIds: [kunden.id],
        importance: "high",
        note: "Messe 2019, sehr gut.\nMeine Anfrage: „Hallo“",
      })
      const theirs = await h.run(Effect.flatMap(Contacts, (c) => c.record(findable, owner)))
      expect(theirs?.note).toBe("Knows me from LinkedIn.\nMessage: “Hallo”")
      const left = await h.run(
        Effect.flatMap(AddressBook, (b) =>
          b.page(owner, { categoryId: null, q: null, limit: 10, after: null }),
        ),
      )
      expect(left.items.map((e) => e.displayName)).toEqual(["Bea Bach", "Nora Niemand", "Olaf Ohm"])
    })

    it("invitations: made for an entry, previewed, used once to sign up and connect (the entry's curation moves), declined silently, revoked, expired", async () => {
      const inviter = await h.member(handle("ina"))
      const kunden = await h.run(
        Effect.flatMap(CategoryService, (s) => s.create(inviter, { name: "Kunden" })),
      )
      await importInto(
        inviter,
        [imported(2, "Paul Neu", { emails: ["paul@example.org"], categoryNames: ["kunden"] })],
        "xing",
      )
      const [entry] = await entriesOf(inviter)
      const made = await h.run(
        Effect.flatMap(InvitationService, (s) =>
          s.create(inviter, {
            entryIds: [entry?.id ?? ""],
            emails: ["eve@example.org"],
            message: "Komm dazu",
          }),
        ),
      )
      expect(made.map((m) => [m.invitation.entryId, m.invitation.email])).toEqual([
        [entry?.id, "paul@example.org"],
        [null, "eve@example.org"],
      ])
      const [forPaul, forEve] = made
      const stored = await h.query<{ secret_hash: string }>(
        "SELECT secret_hash FROM invitations WHERE inviter_id = ? ORDER BY id",
        [inviter],
      )
      // Only hashes are kept.
      expect(stored.some((r) => made.some((m) => m.secret === r.secret_hash))).toBe(false)
      const preview = await h.run(
        Effect.flatMap(InvitationService, (s) => s.preview(forPaul?.secret ?? "")),
      )
      expect(preview).toMatchObject({ inviter: { id: inviter }, message: "Komm dazu" })
      const newMember = (name: string) => ({
        handle: handle(name),
        email: `${handle(name)}@example.org`,
        displayName: `${name} Neu`,
        passwordHash: "x",
        settings: defaultSettings(),
      })
      const paul = await h.run(
        Effect.flatMap(InvitationService, (s) =>
          s.signUp(newMember("paul"), { secret: forPaul?.secret ?? "", connect: true }),
        ),
      )
      const record = await h.run(Effect.flatMap(Contacts, (c) => c.record(inviter, paul)))
      expect(record).toMatchObject({ categoryIds: [kunden.id] })
      expect(record?.note).toBe("Connected on XING.\nMy invitation: “Komm dazu”")
      expect(
        (await h.attempt(Effect.flatMap(AddressBook, (b) => b.get(inviter, entry?.id ?? ""))))._tag,
      ).toBe("Left")
      const told = await notificationsOf(inviter)
      expect(told).toContainEqual({ kind: "requestAccepted", actorId: paul })

      // Used once: a second sign-up through it makes no account.
      const again = newMember("paula")
      const second = await h.attempt(
        Effect.flatMap(InvitationService, (s) =>
          s.signUp(again, { secret: forPaul?.secret ?? "", connect: true }),
        ),
      )
      expect(tagOf(second)).toBe("InvitationNotFound")
      expect(await h.query("SELECT id FROM members WHERE handle = ?", [again.handle])).toEqual([])

      // Declined: used, nobody told, and it reads to the inviter as before.
      const listed = async () =>
        (
          await h.run(Effect.flatMap(InvitationService, (s) => s.page(inviter, 10, null)))
        ).items.map((i) => invitationStatus(i, h.now()))
      const before = await listed()
      const toldBefore = await notificationsOf(inviter)
      const eve = await h.run(
        Effect.flatMap(InvitationService, (s) =>
          s.signUp(newMember("eve"), { secret: forEve?.secret ?? "", connect: false }),
        ),
      )
      expect(await listed()).toEqual(before)
      expect(await notificationsOf(inviter)).toEqual(toldBefore)
      expect((await h.run(Effect.flatMap(Contacts, (c) => c.record(inviter, eve)))) === null).toBe(
        true,
      )

      // Revoked and expired links sign nobody up.
      const [revoked, lapsing] = await h.run(
        Effect.flatMap(InvitationService, (s) =>
          s.create(inviter, { emails: ["r@example.org", "x@example.org"], message: null }),
        ),
      )
      await h.run(
        Effect.flatMap(InvitationService, (s) => s.revoke(inviter, revoked?.invitation.id ?? "")),
      )
      const stranger = await h.member(handle("stranger"))
      expect(
        tagOf(
          await h.attempt(
            Effect.flatMap(InvitationService, (s) =>
              s.revoke(stranger, lapsing?.invitation.id ?? ""),
            ),
          ),
        ),
      ).toBe("InvitationNotFound")
      h.advanceDays(30)
      for (const link of [revoked, lapsing])
        expect(
          tagOf(
            await h.attempt(
              Effect.flatMap(InvitationService, (s) => s.preview(link?.secret ?? "")),
            ),
          ),
        ).toBe("InvitationNotFound")
    })
  })
