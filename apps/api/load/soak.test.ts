import { describe, expect, it } from "vitest"
import { type SoakReport, soak } from "./soak-run.js"

// Seconds instead of days: within the minute, events recorded in its first half are pruned.
const retention = { keepSeconds: 10, feedSeconds: 10, pruneEveryMs: 2_000 }

const holds = (report: SoakReport) => {
  expect(report.kills).toBeGreaterThanOrEqual(3)
  // Writes of every kind were acknowledged, before and after crashes.
  expect(report.acknowledged.posts).toBeGreaterThan(10)
  expect(report.acknowledged.requests).toBeGreaterThan(10)
  expect(report.acknowledged.accepted).toBeGreaterThan(10)
  expect(report.acknowledged.likes).toBeGreaterThan(10)
  expect(report.missing).toEqual({ posts: [], requests: [], accepted: [], likes: [] })
  expect(report.serverErrors).toBe(0)
  expect(report.violations).toEqual([])
  // The outbox stays bounded: nothing older than the feed's reach and the week (here 20 s),
  // give or take a pass and a restart; most of what was recorded is gone.
  expect(report.outbox.oldestAgeSeconds).toBeLessThan(
    retention.keepSeconds + retention.feedSeconds + 15,
  )
  expect(report.outbox.rows).toBeLessThan(report.outbox.recorded / 2)
}

describe("a crash every 15 s under load (the 60-second soak)", () => {
  it("keeps every acknowledged write and every invariant, and never answers 5xx", async () => {
    holds(await soak({ seconds: 60, killEverySeconds: 15, clients: 8, members: 2_000, retention }))
  }, 240_000)

  it("on PostgreSQL with two server processes killed in turn, the same", async () => {
    holds(
      await soak({
        seconds: 60,
        killEverySeconds: 15,
        clients: 8,
        members: 2_000,
        postgres: true,
        retention,
      }),
    )
  }, 300_000)
})
