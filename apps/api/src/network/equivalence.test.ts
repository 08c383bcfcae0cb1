/**
 * The database answers the network questions as the in-memory index does:
 * on a generated network with blocks, members hiding their contacts, shared
 * groups, members open to networking or with a photo (which rank equally
 * good suggestions), open requests and dismissed suggestions, the two apps — one per
 * way, over the same database — give the same suggestions (with the same
 * "via"), mutual contacts and reach, and paths of the same length; every
 * path the database finds is a real chain that only passes where it may.
 */
import { beforeAll, describe, expect, it } from "vitest"
import { seedWorld, type World } from "../../load/world.js"
import type { createApp } from "../app.js"
import { makeTestApp, ORIGIN, type TestApp } from "../test-support.js"

describe("network answers from the database equal the in-memory index's", () => {
  let t: TestApp
  let world: World
  let index: ReturnType<typeof createApp>
  let sql: ReturnType<typeof createApp>
  const blocked = new Set<string>()
  const hiding = new Set<string>()

  beforeAll(async () => {
    t = await makeTestApp()
    world = await t.runtimeRun(
      seedWorld({ members: 400, hubDegree: 80, pendingPerMember: 1, posts: 0 }),
    )
    const h = world.handles
    // Some members hide their contacts; some pairs are blocked; groups give shared counts.
    for (let i = 3; i < 400; i += 29) {
      await t.query("UPDATE members SET hide_contacts = 1 WHERE id = ?", [h[i] ?? ""])
      hiding.add(h[i] ?? "")
    }
    for (let i = 5; i < 400; i += 37) {
      const [x, y] = [h[i] ?? "", h[(i * 7) % 400] ?? ""]
      if (x === y) continue
      await t.query(
        "INSERT INTO blocks (blocker_id, blocked_id, at) VALUES (?, ?, '2026-01-01') ON CONFLICT DO NOTHING",
        [x, y],
      )
      // A block leaves nothing between the two.
      const [lo, hi] = x < y ? [x, y] : [y, x]
      await t.query("DELETE FROM contacts WHERE owner_id = ? AND contact_id = ?", [lo, hi])
      await t.query("DELETE FROM requests WHERE pair_lo = ? AND pair_hi = ?", [lo, hi])
      blocked.add(`${x}|${y}`)
    }
    await t.query(
      "INSERT INTO groups (id, name, description, created_at) VALUES ('g1', 'K.', '', '2026-01-01'), ('g2', 'L.', '', '2026-01-01')",
    )
    for (let i = 0; i < 400; i += 3)
      await t.query(
        "INSERT INTO group_members (group_id, member_id, joined_at) VALUES (?, ?, '2026-01-01')",
        [i % 2 === 0 ? "g1" : "g2", h[i] ?? ""],
      )
    // Openness and a photo break ties between suggestions equal on mutual contacts and groups.
    for (let i = 1; i < 400; i += 5)
      await t.query("UPDATE members SET open_to_networking = 1 WHERE id = ?", [h[i] ?? ""])
    for (let i = 2; i < 400; i += 7)
      await t.query(
        "INSERT INTO photos (member_id, content_type, bytes, updated_at) VALUES (?, 'image/png', X'89', '2026-01-01')",
        [h[i] ?? ""],
      )
    for (let i = 0; i < 400; i += 11)
      await t.query(
        "INSERT INTO dismissed_suggestions (member_id, dismissed_id, at) VALUES (?, ?, '2026-01-01') ON CONFLICT DO NOTHING",
        [h[i] ?? "", h[(i + 13) % 400] ?? ""],
      )
    index = t.app
    sql = t.withNetwork("sql")
  }, 120_000)

  const get = async (app: ReturnType<typeof createApp>, handle: string, path: string) => {
    const res = await app.request(path, {
      headers: { Cookie: `kontakt_session=${world.secrets.get(handle)}`, Origin: ORIGIN },
    })
    expect(res.status, path).toBe(200)
    return (await res.json()) as unknown
  }

  it("the same suggestions, mutual contacts and reach for every viewer; paths of the same length", async () => {
    const h = world.handles
    const contacts = new Map<string, Set<string>>()
    for (const r of await t.query("SELECT owner_id, contact_id FROM contacts")) {
      const [owner, contact] = [String(r["owner_id"]), String(r["contact_id"])]
      const set = contacts.get(owner) ?? new Set()
      set.add(contact)
      contacts.set(owner, set)
    }
    let compared = 0
    let paths = 0
    for (let i = 0; i < 400; i += 7) {
      const viewer = h[i] ?? ""
      for (const path of ["/v1/network/suggestions?limit=20", "/v1/network/reach"]) {
        expect(await get(sql, viewer, path), `${viewer} ${path}`).toEqual(
          await get(index, viewer, path),
        )
        compared++
      }
      for (const j of [i + 1, i + 50, i + 123, i + 301]) {
        const other = h[j % 400] ?? ""
        if (
          other === viewer ||
          blocked.has(`${viewer}|${other}`) ||
          blocked.has(`${other}|${viewer}`)
        )
          continue
        type Profile = {
          mutualContacts: { handle: string }[]
          path: { degree: number | null; path: { handle: string }[] }
        }
        const fromIndex = (await get(index, viewer, `/v1/members/${other}`)) as Profile
        const fromSql = (await get(sql, viewer, `/v1/members/${other}`)) as Profile
        expect(fromSql.mutualContacts).toEqual(fromIndex.mutualContacts)
        expect(fromSql.path.degree, `${viewer} → ${other}`).toBe(fromIndex.path.degree)
        // The database's path is a real chain of contacts that passes only where it may.
        const chain = fromSql.path.path.map((m) => m.handle)
        for (let k = 1; k < chain.length; k++)
          expect(contacts.get(chain[k - 1] ?? "")?.has(chain[k] ?? "")).toBe(true)
        for (const m of chain.slice(1, -1)) {
          expect(blocked.has(`${viewer}|${m}`) || blocked.has(`${m}|${viewer}`)).toBe(false)
          if (hiding.has(m)) expect(contacts.get(viewer)?.has(m)).toBe(true)
        }
        if (fromSql.path.degree !== null) paths++
        compared += 2
      }
    }
    expect(compared).toBeGreaterThan(200)
    expect(paths).toBeGreaterThan(50)
  }, 120_000)
})
