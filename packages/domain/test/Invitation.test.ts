import { Either } from "effect"
import { describe, expect, it } from "vitest"
import {
  type AddressBookEntry,
  acceptRequest,
  createInvitations,
  defaultPolicy,
  type Invitation,
  type InvitationContext,
  importRequestDraft,
  invitationInputSchema,
  invitationStatus,
  makePolicy,
  recordOf,
  redeemInvitation,
  revokeInvitation,
} from "../src/index.js"
import { acceptContext, days, err, ok, request, T0 } from "./support/fixtures.js"

const entry = (over: Partial<AddressBookEntry> = {}): AddressBookEntry => ({
  id: "e1",
  owner: "ada",
  displayName: "Bob Brandt",
  emails: ["Bob@Example.org"],
  phones: [],
  company: null,
  position: null,
  urls: [],
  source: "linkedin",
  connectedAt: null,
  categoryIds: ["c-ada", "c-gone"],
  note: "Connected on LinkedIn on 2019-03-04.\nMet at the fair.",
  importance: "high",
  lastReviewedAt: null,
  snoozedUntil: null,
  createdAt: T0,
  updatedAt: T0,
  ...over,
})

const context = (over: Partial<InvitationContext> = {}): InvitationContext => {
  let n = 0
  return {
    inviter: "ada",
    now: T0,
    policy: defaultPolicy,
    entries: [entry()],
    recent: [],
    openCount: 0,
    newId: () => `i${++n}`,
    ...over,
  }
}

const parse = (body: unknown) => invitationInputSchema(defaultPolicy).parse(body)

describe("an address book entry taken up by a connection", () => {
  it("moves its categories (those still owned), note and importance onto the sender's record", () => {
    const { state } = ok(
      acceptRequest(
        request({ foundVia: { kind: "import", source: "linkedin" }, message: "Hallo Bob" }),
        {},
        acceptContext({ senderEntry: entry() }),
      ),
    )
    const mine = recordOf(state.connection, "ada")
    expect(mine).toMatchObject({ categoryIds: ["c-ada"], importance: "high" })
    expect(mine?.note).toBe(
      "Connected on LinkedIn on 2019-03-04.\nMet at the fair.\nMy request: “Hallo Bob”",
    )
    expect(state.entriesTaken).toEqual(["e1"])
    // The recipient reads where the sender knows them from, never the sender's curation.
    expect(recordOf(state.connection, "bob")?.note).toBe(
      "Kennt mich von LinkedIn.\nNachricht: „Hallo Bob“",
    )
  })

  it("takes up nothing without an entry", () => {
    expect(ok(acceptRequest(request(), {}, acceptContext())).state.entriesTaken).toEqual([])
  })
})

describe("importRequestDraft", () => {
  it("greets by first name and says where we know each other from, in the owner's language", () => {
    expect(importRequestDraft("de", entry())).toEqual({
      message:
        "Hallo Bob, wir sind schon auf LinkedIn verbunden – lass uns auch hier auf kontakt in Verbindung bleiben.",
      foundVia: { kind: "import", source: "linkedin" },
    })
    expect(importRequestDraft("en", entry({ source: "vcard" })).message).toBe(
      "Hello Bob, we know each other already – let's stay in touch here on kontakt too.",
    )
  })

  it("always fits the request message limit: a 'first name' of 200 letters is left out", () => {
    const long = importRequestDraft("de", entry({ displayName: "X".repeat(200) })).message
    expect(long.startsWith("Hallo, wir sind")).toBe(true)
    for (const locale of ["de", "en"] as const)
      for (const source of ["linkedin", "xing", "vcard", "csv", "manual"] as const)
        expect(
          importRequestDraft(locale, entry({ displayName: `${"Y".repeat(40)} Z`, source })).message
            .length,
        ).toBeLessThanOrEqual(defaultPolicy.messageMaxLength)
  })
})

describe("createInvitations", () => {
  it("makes one per entry (for its first email) and one per further email, expiring after the policy's days", () => {
    const made = Either.getOrThrow(
      createInvitations(
        parse({
          entryIds: ["e1"],
          emails: ["bob@example.org", "Cleo@Example.org"],
          message: "Komm dazu",
        }),
        context(),
      ),
    )
    expect(made.map((i) => [i.id, i.entryId, i.email])).toEqual([
      ["i1", "e1", "bob@example.org"],
      ["i2", null, "cleo@example.org"],
    ])
    expect(made[0]).toMatchObject({
      inviter: "ada",
      message: "Komm dazu",
      expiresAt: days(defaultPolicy.invitationValidDays),
      usedAt: null,
      revokedAt: null,
    })
  })

  it("makes one link to pass on when it names nobody", () => {
    const made = Either.getOrThrow(createInvitations(parse({ message: "" }), context()))
    expect(made).toHaveLength(1)
    expect(made[0]).toMatchObject({ entryId: null, email: null, message: null })
  })

  it("refuses another member's entry as one that does not exist", () => {
    const result = createInvitations(
      parse({ entryIds: ["e1"], message: "" }),
      context({ entries: [entry({ owner: "bob" })] }),
    )
    expect(Either.isLeft(result) && result.left._tag).toBe("EntryNotFound")
  })

  it("keeps to the open and the weekly limits", () => {
    const policy = makePolicy({ maxOpenInvitations: 2, weeklyInvitationLimit: 3 })
    const open = createInvitations(
      parse({ emails: ["a@example.org", "b@example.org"], message: "" }),
      context({ policy, openCount: 1 }),
    )
    expect(Either.isLeft(open) && open.left).toMatchObject({
      _tag: "TooManyOpenInvitations",
      limit: 2,
    })
    const earlier = Either.getOrThrow(
      createInvitations(
        parse({ emails: ["a@example.org", "b@example.org", "c@example.org"], message: "" }),
        context(),
      ),
    )
    const weekly = createInvitations(
      parse({ message: "" }),
      context({ policy, recent: earlier, now: days(2) }),
    )
    expect(Either.isLeft(weekly) && weekly.left).toMatchObject({
      _tag: "WeeklyLimitReached",
      what: "invitations",
      retryAt: days(7),
    })
    expect(
      Either.isRight(
        createInvitations(
          parse({ message: "" }),
          context({ policy, recent: earlier, now: days(7) }),
        ),
      ),
    ).toBe(true)
  })

  it("takes at most the policy's number at once", () => {
    const emails = Array.from(
      { length: defaultPolicy.invitationsPerRequest },
      (_, i) => `p${i}@example.org`,
    )
    expect(invitationInputSchema(defaultPolicy).safeParse({ emails, message: "" }).success).toBe(
      true,
    )
    expect(
      invitationInputSchema(defaultPolicy).safeParse({ emails, entryIds: ["e1"], message: "" })
        .success,
    ).toBe(false)
  })
})

describe("an invitation's life", () => {
  const made = (): Invitation =>
    Either.getOrThrow(
      createInvitations(parse({ entryIds: ["e1"], message: "Komm dazu" }), context()),
    )[0] as Invitation
  const redeem = (invitation: Invitation, over: { connect?: boolean; now?: Date } = {}) =>
    redeemInvitation(invitation, {
      now: over.now ?? days(1),
      policy: defaultPolicy,
      invitee: { id: "bob", locale: "de", connectionCount: 0, broadcastConnections: true },
      inviter: { id: "ada", locale: "en", connectionCount: 3, broadcastConnections: true },
      connect: over.connect ?? true,
      newRequestId: "r9",
      inviterOwnedCategoryIds: new Set(["c-ada"]),
      entry: entry(),
    })

  it("connects the two through an accepted request from the inviter, with the entry's curation", () => {
    const { state, events } = ok(redeem(made()))
    expect(state.invitation).toMatchObject({ usedAt: days(1), connected: true })
    expect(invitationStatus(state.invitation, days(1))).toBe("accepted")
    expect(state.accepted?.request).toMatchObject({
      id: "r9",
      from: "ada",
      to: "bob",
      state: "accepted",
      foundVia: { kind: "invitation" },
      message: "Komm dazu",
    })
    const connection = state.accepted?.connection
    expect(connection && recordOf(connection, "ada")).toMatchObject({
      categoryIds: ["c-ada"],
      importance: "high",
    })
    expect(connection && recordOf(connection, "bob")?.note).toBe(
      "Hat mich zu kontakt eingeladen.\nNachricht: „Komm dazu“",
    )
    expect(state.accepted?.entriesTaken).toEqual(["e1"])
    expect(events.map((e) => e._tag)).toEqual(["RequestAccepted", "ConnectionMade"])
  })

  it("is used once: a second sign-up through it finds nothing", () => {
    const used = ok(redeem(made())).state.invitation
    expect(err(redeem(used))._tag).toBe("InvitationNotFound")
  })

  it("declined, it is used, tells nobody, and reads as open to the inviter until it expires", () => {
    const invitation = made()
    const { state, events } = ok(redeem(invitation, { connect: false }))
    expect(state.accepted).toBeNull()
    expect(events).toEqual([])
    expect(err(redeem(state.invitation))._tag).toBe("InvitationNotFound")
    for (const at of [days(1), days(29), days(30)])
      expect(invitationStatus(state.invitation, at)).toBe(invitationStatus(invitation, at))
    expect(invitationStatus(state.invitation, days(30))).toBe("expired")
  })

  it("expires and can be revoked; neither signs anyone up", () => {
    const invitation = made()
    expect(err(redeem(invitation, { now: days(30) }))._tag).toBe("InvitationNotFound")
    const revoked = Either.getOrThrow(revokeInvitation(invitation, { actor: "ada", now: days(1) }))
    expect(invitationStatus(revoked, days(1))).toBe("revoked")
    expect(err(redeem(revoked))._tag).toBe("InvitationNotFound")
    const other = revokeInvitation(invitation, { actor: "bob", now: days(1) })
    expect(Either.isLeft(other) && other.left._tag).toBe("InvitationNotFound")
  })

  it("cannot be used by its own inviter", () => {
    const result = redeemInvitation(made(), {
      now: days(1),
      policy: defaultPolicy,
      invitee: { id: "ada", locale: "en", connectionCount: 0, broadcastConnections: true },
      inviter: { id: "ada", locale: "en", connectionCount: 0, broadcastConnections: true },
      connect: true,
      newRequestId: "r9",
      inviterOwnedCategoryIds: new Set(),
      entry: null,
    })
    expect(err(result)._tag).toBe("InvitationNotFound")
  })
})
