import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { assembleFeed, isOpen, senderView } from "../src/index.js"
import { type Command, MEMBERS, scenarioArb, testPolicy, World } from "./support/World.js"

const RUNS = { numRuns: 1_000 }
const DAY = 86_400_000
const pairOf = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`)

/** What every member can observe: results of their own commands aside, everything the system tells them. */
const observable = (world: World) => ({
  outcomes: world.steps.map((s) => s.outcome),
  notifications: world.notifications,
  deliveries: world.deliveries,
  sentViews: world.requests.map(senderView),
  connections: world.connections.map((c) => [c.a, c.b, c.since.toISOString()]),
})

describe("lifecycle invariants over random command sequences", () => {
  it("connections are symmetric and unique per pair", () => {
    fc.assert(
      fc.property(scenarioArb, ({ members, commands }) => {
        const world = World.run(members, commands)
        const pairs = world.connections.map((c) => pairOf(c.a, c.b))
        expect(new Set(pairs).size).toBe(pairs.length)
        for (const c of world.connections) {
          expect(c.a < c.b).toBe(true)
          expect(c.records.map((r) => [r.owner, r.contact])).toEqual([
            [c.a, c.b],
            [c.b, c.a],
          ])
        }
        for (const m of MEMBERS)
          expect(world.contactsOf(m).length).toBeLessThanOrEqual(testPolicy.maxConnections)
      }),
      RUNS,
    )
  })

  it("never two open requests for one pair in either direction, and none between contacts", () => {
    fc.assert(
      fc.property(scenarioArb, ({ members, commands }) => {
        const world = new World(members)
        for (const command of commands) {
          world.apply(command)
          const open = world.requests.filter(isOpen).map((r) => pairOf(r.from, r.to))
          expect(new Set(open).size).toBe(open.length)
          for (const r of world.requests.filter(isOpen))
            expect(world.connectionOf(r.from, r.to)).toBeNull()
        }
      }),
      RUNS,
    )
  })

  it("a block leaves nothing between the two: no connection, no open request", () => {
    fc.assert(
      fc.property(scenarioArb, ({ members, commands }) => {
        const world = new World(members)
        for (const command of commands) {
          world.apply(command)
          for (const b of world.blocks) {
            expect(world.connectionOf(b.by, b.member)).toBeNull()
            const between = world.requests.filter(
              (r) => isOpen(r) && pairOf(r.from, r.to) === pairOf(b.by, b.member),
            )
            expect(between).toEqual([])
          }
        }
      }),
      RUNS,
    )
  })

  it("no transition leaves a final state", () => {
    fc.assert(
      fc.property(scenarioArb, ({ members, commands }) => {
        const world = World.run(members, commands)
        for (const change of world.stateChanges)
          expect(["pending", "ignored"]).toContain(change.from)
      }),
      RUNS,
    )
  })

  it("the sender cannot tell an ignored request from a pending one: removing every ignore changes nothing they see", () => {
    fc.assert(
      fc.property(scenarioArb, ({ members, commands }) => {
        const notIgnore = (c: Command) => c.kind !== "ignore"
        const withIgnores = World.run(members, commands)
        const without = World.run(members, commands.filter(notIgnore))
        const seen = observable(withIgnores)
        seen.outcomes = withIgnores.steps.filter((s) => notIgnore(s.command)).map((s) => s.outcome)
        expect(seen).toEqual(observable(without))
      }),
      RUNS,
    )
  })

  it("muting is invisible to everyone: removing every mute changes nothing anyone is told", () => {
    fc.assert(
      fc.property(scenarioArb, ({ members, commands }) => {
        const notMute = (c: Command) => c.kind !== "mute"
        const withMutes = World.run(members, commands)
        const without = World.run(members, commands.filter(notMute))
        const seen = observable(withMutes)
        seen.outcomes = withMutes.steps.filter((s) => notMute(s.command)).map((s) => s.outcome)
        expect(seen).toEqual(observable(without))
      }),
      RUNS,
    )
  })

  it("ignore, withdraw, delete, block, unblock and mute deliver nothing to anyone", () => {
    fc.assert(
      fc.property(scenarioArb, ({ members, commands }) => {
        const world = World.run(members, commands)
        for (const step of world.steps) {
          if (
            ["ignore", "withdraw", "delete", "block", "unblock", "mute"].includes(step.command.kind)
          ) {
            expect(step.notifications).toEqual([])
            expect(step.deliveries).toEqual([])
          }
        }
      }),
      RUNS,
    )
  })

  it("the weekly limit and the withdrawal cooldown hold", () => {
    fc.assert(
      fc.property(scenarioArb, ({ members, commands }) => {
        const world = World.run(members, commands)
        const window = testPolicy.requestWindowDays * DAY
        for (const m of MEMBERS) {
          const times = world.created.filter((c) => c.from === m).map((c) => c.at.getTime())
          for (let i = 0; i + testPolicy.weeklyRequestLimit < times.length; i++) {
            const later = times[i + testPolicy.weeklyRequestLimit] ?? 0
            expect(later - (times[i] ?? 0)).toBeGreaterThanOrEqual(window)
          }
        }
        for (const w of world.withdrawals) {
          const until = w.at.getTime() + testPolicy.withdrawCooldownDays * DAY
          const early = world.created.filter(
            (c) => c.from === w.from && c.to === w.to && c.step > w.step && c.at.getTime() < until,
          )
          expect(early).toEqual([])
        }
      }),
      RUNS,
    )
  })

  it("no feed shows a member blocked with, or muted by, its reader", () => {
    fc.assert(
      fc.property(scenarioArb, ({ members, commands }) => {
        const world = World.run(members, commands)
        for (const reader of MEMBERS) {
          const blocked = new Set(
            MEMBERS.filter((m) => m !== reader && world.blockedBetween(reader, m)),
          )
          const muted = new Set(
            world.connections.flatMap((c) =>
              c.records.filter((r) => r.owner === reader && r.muted).map((r) => r.contact),
            ),
          )
          for (const item of assembleFeed(world.deliveries, { reader, blocked, muted })) {
            const involved = [
              ...item.broughtBy.map((b) => b.member),
              ...(item.subject.kind === "post"
                ? [item.subject.author]
                : [item.subject.a, item.subject.b]),
            ].filter((m) => m !== reader)
            for (const m of involved) {
              expect(blocked.has(m)).toBe(false)
              expect(muted.has(m)).toBe(false)
            }
          }
        }
      }),
      RUNS,
    )
  })

  it("every delivery went to the actor's contacts (or the author) and to no one blocked with them at the time", () => {
    fc.assert(
      fc.property(scenarioArb, ({ members, commands }) => {
        const world = new World(members)
        for (const command of commands) {
          world.apply(command)
          const step = world.steps.at(-1)
          for (const d of step?.deliveries ?? []) {
            const author = d.subject.kind === "post" ? d.subject.author : null
            if (d.reader !== author) expect(world.contactsOf(d.broughtBy)).toContain(d.reader)
            if (author !== null && d.reader !== author)
              expect(world.blockedBetween(d.reader, author)).toBe(false)
          }
        }
      }),
      RUNS,
    )
  })
})
