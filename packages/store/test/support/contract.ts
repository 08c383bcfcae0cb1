/**
 * The store's contract: one suite, run unchanged against SQLite and PostgreSQL.
 */
import { SqlClient } from "@effect/sql"
import { senderView } from "@kontakt/domain"
import { Effect, Either, Exit, Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  CategoryService,
  ContactService,
  Contacts,
  EventLog,
  LATEST_MIGRATION,
  RequestService,
  Requests,
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

    const sql = <A>(f: (sql: SqlClient.SqlClient) => Effect.Effect<A, unknown>) =>
      h.run(Effect.flatMap(SqlClient.SqlClient, f))
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
      sql(
        (s) =>
          s<{
            kind: string
            actorId: string
          }>`SELECT kind, actor_id FROM notifications WHERE recipient_id = ${member} ORDER BY at, id`,
      )
    const feedOf = (member: string) =>
      sql(
        (s) =>
          s<{
            subjectKey: string
            broughtBy: string
          }>`SELECT subject_key, brought_by FROM feed_items WHERE reader_id = ${member} ORDER BY subject_key`,
      )
    const outgoing = (member: string) =>
      h
        .run(Effect.flatMap(Requests, (r) => r.outgoing(member, 100, null)))
        .then((rs) => rs.map(senderView))

    it("migrates an empty database to the latest version", async () => {
      const rows = await sql(
        (s) => s<{ id: number }>`SELECT MAX(migration_id) AS id FROM kontakt_migrations`,
      )
      expect(rows[0]?.id).toBe(LATEST_MIGRATION)
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

    it("accept writes the request, the connection, both records with categories, the notification and the news event; the news follows", async () => {
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
      const outbox = await sql(
        (s) => s<{ tag: string }>`SELECT tag FROM outbox ORDER BY seq DESC LIMIT 2`,
      )
      expect(outbox.map((r) => r.tag)).toEqual(["ConnectionMade", "RequestAccepted"])
      // The news is committed as the event; it reaches the feeds after the accept, on the next catch-up.
      const news = `connection:${[ada, bob].sort().join(":")}`
      expect(await feedOf(carla)).not.toContainEqual({ subjectKey: news, broughtBy: ada })
      await h.run(Effect.flatMap(EventLog, (l) => l.catchUpNews))
      expect(await feedOf(carla)).toContainEqual({ subjectKey: news, broughtBy: ada })
      expect(await feedOf(dora)).toContainEqual({ subjectKey: news, broughtBy: bob })
    })

    it("connection news for a connection deleted before it was delivered never arrives", async () => {
      const [adaH, bobH, carlaH] = [handle("ada"), handle("bob"), handle("carla")]
      const [ada, bob, carla] = [await h.member(adaH), await h.member(bobH), await h.member(carlaH)]
      // Carla knows Ada, so she would hear of Ada's new connection.
      const known = await idOf(await send(ada, carlaH))
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(carla, known, {})))
      await h.run(Effect.flatMap(EventLog, (l) => l.catchUpNews))
      const id = await idOf(await send(ada, bobH))
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(bob, id, {})))
      await h.run(Effect.flatMap(ContactService, (s) => s.remove(ada, bobH)))
      await h.run(Effect.flatMap(EventLog, (l) => l.catchUpNews))
      const news = `connection:${[ada, bob].sort().join(":")}`
      expect((await feedOf(carla)).map((i) => i.subjectKey)).not.toContain(news)
      // The follower has moved past it: nothing is pending.
      expect(await h.run(Effect.flatMap(EventLog, (l) => l.drainOnce))).toBe(false)
    })

    it("accept writes everything or nothing", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const ada = await h.member(adaH)
      const bob = await h.member(bobH)
      const id = await idOf(await send(ada, bobH))
      // The same services over the same database, but an event log that fails after the other writes.
      const failing = Layer.succeed(
        EventLog,
        new EventLog({
          record: () => Effect.die(new Error("disk full")),
          catchUpNews: Effect.void,
          drainOnce: Effect.succeed(false),
          drainForever: Effect.never,
        }),
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
      const open = await sql(
        (s) => s<{ n: number }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM requests
        WHERE state IN ('pending', 'ignored') AND (from_id IN (${ada}, ${bob}))`,
      )
      expect(open[0]?.n).toBe(0)
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

    it("delete removes both records silently; either may ask again", async () => {
      const [adaH, bobH] = [handle("ada"), handle("bob")]
      const ada = await h.member(adaH)
      const bob = await h.member(bobH)
      const id = await idOf(await send(ada, bobH))
      await h.run(Effect.flatMap(RequestService, (s) => s.accept(bob, id, {})))
      const told = await notificationsOf(ada)
      await h.run(Effect.flatMap(ContactService, (s) => s.remove(bob, adaH)))
      expect(await notificationsOf(ada)).toEqual(told)
      const rows = await sql(
        (s) => s<{ n: number }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM contacts
        WHERE (owner_id = ${ada} AND contact_id = ${bob}) OR (owner_id = ${bob} AND contact_id = ${ada})`,
      )
      expect(rows[0]?.n).toBe(0)
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
      const names = await sql(
        (s) => s<{ id: string; handle: string }>`SELECT id, handle FROM members`,
      )
      const handleOf = new Map(names.map((r) => [r.id, r.handle.replace(/\d+$/, "")]))
      expect([...first.records, ...second.records].map((r) => handleOf.get(r.contact))).toEqual([
        "anna",
        "ben",
        "lea",
        "mia",
        "zora",
      ])
      expect(second.next).toBeNull()
      const inCategory = await h.run(
        Effect.flatMap(Contacts, (c) =>
          c.page(owner, { sort: "name", limit: 10, after: null, categoryId: cat.id }),
        ),
      )
      expect(inCategory.records.map((r) => [handleOf.get(r.contact), r.categoryIds])).toEqual([
        ["mia", [cat.id]],
      ])
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
      const direct = await h.attempt(
        Effect.flatMap(
          SqlClient.SqlClient,
          (s) => s`INSERT INTO categories (id, owner_id, name, name_key, created_at)
          VALUES ('dup', ${owner}, 'kunden', 'kunden', '2026-01-01T00:00:00.000Z')`,
        ),
      )
      expect(tagOf(direct)).toBe("SqlError")
    })

    it("the database refuses a second open request for a pair, in either direction, and a second connection", async () => {
      const a = await h.member(handle("ada"))
      const b = await h.member(handle("bob"))
      const [lo, hi] = [a, b].sort()
      const insert = (id: string, from: string, to: string) =>
        h.attempt(
          Effect.flatMap(
            SqlClient.SqlClient,
            (
              s,
            ) => s`INSERT INTO requests (id, from_id, to_id, pair_lo, pair_hi, state, created_at, updated_at)
          VALUES (${id}, ${from}, ${to}, ${lo}, ${hi}, 'pending', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
          ),
        )
      expect(tagOf(await insert("x1", a, b))).toBe("ok")
      expect(tagOf(await insert("x2", a, b))).toBe("SqlError")
      expect(tagOf(await insert("x3", b, a))).toBe("SqlError")
      const connect = () =>
        h.attempt(
          Effect.flatMap(
            SqlClient.SqlClient,
            (s) => s`INSERT INTO connections (pair_lo, pair_hi, since, request_id)
          VALUES (${lo}, ${hi}, '2026-01-01T00:00:00.000Z', 'x1')`,
          ),
        )
      expect(tagOf(await connect())).toBe("ok")
      expect(tagOf(await connect())).toBe("SqlError")
      // Raw rows that only the constraints were meant to see: gone again, so later checks see a valid database.
      await sql((s) => s`DELETE FROM connections WHERE pair_lo = ${lo} AND pair_hi = ${hi}`)
      await sql((s) => s`DELETE FROM requests WHERE id = 'x1'`)
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
      const history = await sql(
        (s) =>
          s<{
            decision: string
          }>`SELECT decision FROM review_history WHERE owner_id = ${bob} ORDER BY at`,
      )
      expect(history.map((r) => r.decision)).toEqual(["snooze", "delete"])
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

    it("after all of the above every invariant holds, and a broken one is reported", async () => {
      await h.run(Effect.flatMap(EventLog, (l) => l.catchUpNews))
      expect(await h.run(invariantViolations)).toEqual([])
      // A connection with one contact record missing is what the check exists to find.
      const [x, y] = [await h.member(handle("half")), await h.member(handle("other"))].sort()
      await sql(
        (s) =>
          s`INSERT INTO connections (pair_lo, pair_hi, since, request_id) VALUES (${x}, ${y}, '2026-01-01', 'probe')`,
      )
      const found = await h.run(invariantViolations)
      expect(found.map((v) => v.invariant)).toEqual(["every connection has both contact records"])
      await sql((s) => s`DELETE FROM connections WHERE pair_lo = ${x} AND pair_hi = ${y}`)
    })
  })
