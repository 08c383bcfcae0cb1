import { describe, expect, it } from "vitest"
import {
  acceptRequest,
  ContactPatch,
  deleteContact,
  newRecord,
  pairKey,
  recipientNote,
  senderNote,
  updateContact,
} from "../src/index.js"
import { acceptContext, days, err, ok, request, T0 } from "./support/fixtures.js"

const record = newRecord({ owner: "bob", contact: "ada", at: T0, note: "", categoryIds: [] })
const owned = new Set(["c1", "c2"])

describe("updateContact", () => {
  it("sets categories, note and importance and reports it once", () => {
    const { state, events } = ok(
      updateContact(
        record,
        { categoryIds: ["c1", "c1", "c2"], note: "Messe", importance: "high" },
        { now: days(1), ownedCategoryIds: owned },
      ),
    )
    expect(state).toMatchObject({ categoryIds: ["c1", "c2"], note: "Messe", importance: "high" })
    expect(events.map((e) => e._tag)).toEqual(["ContactCategorized"])
  })

  it("mutes and unmutes", () => {
    const muted = ok(
      updateContact(record, { muted: true }, { now: days(1), ownedCategoryIds: owned }),
    )
    expect(muted.state.muted).toBe(true)
    expect(muted.events.map((e) => e._tag)).toEqual(["ContactMuted"])
    const unmuted = ok(
      updateContact(muted.state, { muted: false }, { now: days(2), ownedCategoryIds: owned }),
    )
    expect(unmuted.events.map((e) => e._tag)).toEqual(["ContactUnmuted"])
  })

  it("an unchanged patch emits nothing", () => {
    expect(
      ok(
        updateContact(
          record,
          { note: "", muted: false },
          { now: days(1), ownedCategoryIds: owned },
        ),
      ).events,
    ).toEqual([])
  })

  it("refuses another member's categories", () => {
    expect(
      err(updateContact(record, { categoryIds: ["x"] }, { now: days(1), ownedCategoryIds: owned }))
        ._tag,
    ).toBe("CategoryNotFound")
  })

  it("the patch schema bounds the note at 2,000 characters and knows its fields", () => {
    expect(ContactPatch.safeParse({ note: "x".repeat(2_000) }).success).toBe(true)
    expect(ContactPatch.safeParse({ note: "x".repeat(2_001) }).success).toBe(false)
    expect(ContactPatch.safeParse({ importance: "urgent" }).success).toBe(false)
    expect(ContactPatch.safeParse({ owner: "eve" }).success).toBe(false)
  })
})

describe("deleteContact", () => {
  const connection = ok(acceptRequest(request(), {}, acceptContext())).state.connection

  it("removes the connection silently for either side", () => {
    for (const actor of ["ada", "bob"]) {
      const { events } = ok(deleteContact(connection, { actor, now: days(2) }))
      expect(events).toHaveLength(1)
      expect(events[0]).toMatchObject({ _tag: "ConnectionRemoved", by: actor, reason: "deleted" })
    }
  })

  it("a stranger or a missing connection is ContactNotFound", () => {
    expect(err(deleteContact(connection, { actor: "eve", now: days(2) }))._tag).toBe(
      "ContactNotFound",
    )
    expect(err(deleteContact(null, { actor: "ada", now: days(2) }))._tag).toBe("ContactNotFound")
  })
})

describe("pairKey", () => {
  it("is the same in both directions", () => {
    expect(pairKey("bob", "ada")).toEqual(pairKey("ada", "bob"))
  })
})

describe("note pre-fill", () => {
  it("names every way of finding someone, in both languages", () => {
    const cases = [
      [
        { kind: "contact", handle: "carla" },
        "Found me through @carla's contacts.",
        "Hat mich über die Kontakte von @carla gefunden.",
      ],
      [{ kind: "search" }, "Found me through search.", "Hat mich über die Suche gefunden."],
      [
        { kind: "suggestion" },
        "Found me through a suggestion.",
        "Hat mich über einen Vorschlag gefunden.",
      ],
      [
        { kind: "group", groupId: "gone" },
        "Found me in the group (deleted).",
        "Hat mich in der Gruppe (gelöscht) gefunden.",
      ],
      [
        { kind: "post", postId: "p1" },
        "Found me through one of my posts.",
        "Hat mich über einen meiner Beiträge gefunden.",
      ],
    ] as const
    for (const [foundVia, en, de] of cases) {
      expect(recipientNote("en", { foundVia, groupName: null, message: null })).toBe(en)
      expect(recipientNote("de", { foundVia, groupName: null, message: null })).toBe(de)
    }
  })

  it("the sender's note says how they found the other, then their request, in their language", () => {
    const cases = [
      [
        { kind: "group", groupId: "g" },
        "K.",
        "Found in the group “K.”.",
        "In der Gruppe K. gefunden.",
      ],
      [
        { kind: "contact", handle: "carla" },
        null,
        "Found through @carla's contacts.",
        "Gefunden über die Kontakte von @carla.",
      ],
      [{ kind: "search" }, null, "Found through search.", "Gefunden über die Suche."],
      [
        { kind: "suggestion" },
        null,
        "Found through a suggestion.",
        "Gefunden über einen Vorschlag.",
      ],
      [
        { kind: "post", postId: "p1" },
        null,
        "Found through a post.",
        "Gefunden über einen Beitrag.",
      ],
    ] as const
    for (const [foundVia, groupName, en, de] of cases) {
      expect(senderNote("en", { foundVia, groupName, message: "Hi" })).toBe(
        `${en}\nMy request: “Hi”`,
      )
      expect(senderNote("de", { foundVia, groupName, message: null })).toBe(de)
    }
  })

  it("is empty when there is nothing to say", () => {
    expect(recipientNote("en", { foundVia: null, groupName: null, message: null })).toBe("")
    expect(senderNote("de", { foundVia: null, groupName: null, message: null })).toBe("")
    expect(senderNote("de", { foundVia: null, groupName: null, message: "Hallo" })).toBe(
      "Meine Anfrage: „Hallo“",
    )
    expect(recipientNote("en", { foundVia: null, groupName: null, message: "Hi" })).toBe(
      "Message: “Hi”",
    )
  })
})
