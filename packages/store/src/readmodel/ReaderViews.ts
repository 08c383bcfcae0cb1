/**
 * A reader as a feed page sees them: their contacts, whom they muted, whom
 * they are blocked with. Muted and blocked come from the read model; the
 * contacts from the in-memory network index when the process keeps one (the
 * API on Node registers it), else from the database (an edge worker).
 */
import type { MemberId } from "@kontakt/domain"
import { Effect } from "effect"
import { Db } from "../db/Db.js"
import { col, statement } from "../db/Statement.js"
import type { ReaderView } from "./FeedIndex.js"
import { ReadModel } from "./ReadModel.js"

/** Who is connected to whom, as a process keeps it in memory. */
export interface NetworkView {
  readonly contactsOf: (member: MemberId) => readonly MemberId[]
  readonly isContact: (member: MemberId, other: MemberId) => boolean
  /** How many contacts two members have in common. */
  readonly mutualCount: (member: MemberId, other: MemberId) => number
}

const contactsOf = statement("SELECT contact_id FROM contacts WHERE owner_id = ?", (r) =>
  col.str(r, "contact_id"),
)

export class ReaderViews extends Effect.Service<ReaderViews>()("@kontakt/store/ReaderViews", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    const model = yield* ReadModel
    let network: NetworkView | null = null
    return {
      /** Answers "who are the reader's contacts" from memory from now on. */
      useNetwork: (view: NetworkView) => {
        network = view
      },
      /** The network in memory, if this process keeps one (its read model is synced by the caller). */
      network: (): NetworkView | null => network,
      of: (reader: MemberId): Effect.Effect<ReaderView, import("../db/Db.js").SqlError> => {
        const base = {
          reader,
          muted: model.mutedBy(reader),
          blocked: model.blockedWith(reader),
          hidingContacts: model.hidingContacts(),
        }
        const net = network
        if (net !== null)
          return Effect.succeed({
            ...base,
            contacts: net.contactsOf(reader),
            isContact: (m: MemberId) => net.isContact(reader, m),
          })
        return Effect.map(db.all(contactsOf, [reader]), (contacts) => {
          const set = new Set(contacts)
          return { ...base, contacts, isContact: (m: MemberId) => set.has(m) }
        })
      },
    }
  }),
}) {}
