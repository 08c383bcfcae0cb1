/**
 * The note a contact record starts with on accept: why we connected, in the
 * owner's language, from how the sender found the recipient and what they wrote.
 *
 * @module
 */

import type { EntrySource } from "./AddressBook.js"
import type { MemberId } from "./Ids.js"
import type { Locale } from "./Member.js"
import type { FoundVia } from "./Request.js"

/** What the pre-filled note is made from. */
export interface PrefillFacts {
  readonly foundVia: FoundVia | null
  /** The group's name when `foundVia` names a group the store could find. */
  readonly groupName: string | null
  readonly message: string | null
  /** What the introducer wrote to the recipient, for a forwarded introduction. */
  readonly introducerNote?: string | null
  /** Leave out how they were found (an address book entry's note says it already). */
  readonly withoutFoundLine?: boolean
}

type Said = { readonly de: string; readonly en: string }

/** Where an imported entry came from, as a note names it. */
const IMPORT_PLACES: Record<EntrySource, Said> = {
  linkedin: { de: "LinkedIn", en: "LinkedIn" },
  xing: { de: "XING", en: "XING" },
  vcard: { de: "einem Adressbuch", en: "an address book" },
  csv: { de: "einem Adressbuch", en: "an address book" },
  manual: { de: "außerhalb von kontakt", en: "outside kontakt" },
}

/** How the sender found the recipient, as each of them tells it. */
const foundLines = (
  foundVia: FoundVia,
  groupName: string | null,
): { readonly recipient: Said; readonly sender: Said } => {
  switch (foundVia.kind) {
    case "group":
      return {
        recipient: {
          de: `Hat mich in der Gruppe ${groupName ?? "(gelöscht)"} gefunden.`,
          en: `Found me in the group ${groupName ?? "(deleted)"}.`,
        },
        sender: {
          de: `In der Gruppe ${groupName ?? "(gelöscht)"} gefunden.`,
          en: `Found in the group “${groupName ?? "(deleted)"}”.`,
        },
      }
    case "contact":
      return {
        recipient: {
          de: `Hat mich über die Kontakte von @${foundVia.handle} gefunden.`,
          en: `Found me through @${foundVia.handle}'s contacts.`,
        },
        sender: {
          de: `Gefunden über die Kontakte von @${foundVia.handle}.`,
          en: `Found through @${foundVia.handle}'s contacts.`,
        },
      }
    case "search":
      return {
        recipient: { de: "Hat mich über die Suche gefunden.", en: "Found me through search." },
        sender: { de: "Gefunden über die Suche.", en: "Found through search." },
      }
    case "suggestion":
      return {
        recipient: {
          de: "Hat mich über einen Vorschlag gefunden.",
          en: "Found me through a suggestion.",
        },
        sender: { de: "Gefunden über einen Vorschlag.", en: "Found through a suggestion." },
      }
    case "post":
      return {
        recipient: {
          de: "Hat mich über einen meiner Beiträge gefunden.",
          en: "Found me through one of my posts.",
        },
        sender: { de: "Gefunden über einen Beitrag.", en: "Found through a post." },
      }
    case "import": {
      const where = IMPORT_PLACES[foundVia.source]
      return {
        recipient: {
          de: `Kennt mich von ${where.de}.`,
          en: `Knows me from ${where.en}.`,
        },
        sender: { de: `Kenne ich von ${where.de}.`, en: `Known from ${where.en}.` },
      }
    }
    case "invitation":
      return {
        recipient: {
          de: "Hat mich zu kontakt eingeladen.",
          en: "Invited me to kontakt.",
        },
        sender: { de: "Zu kontakt eingeladen.", en: "Invited to kontakt." },
      }
    case "introduction":
      return {
        recipient: {
          de: `Wurde mir von @${foundVia.via} vorgestellt.`,
          en: `Introduced to me by @${foundVia.via}.`,
        },
        sender: {
          de: `Vorgestellt durch @${foundVia.via}.`,
          en: `Introduced by @${foundVia.via}.`,
        },
      }
  }
}

/** A note's lines, in the owner's language: how they were found (or found the other), then the message. */
const noteOf = (
  voice: "recipient" | "sender",
  locale: Locale,
  facts: PrefillFacts,
  message: Said,
): string =>
  [
    facts.foundVia === null || facts.withoutFoundLine === true
      ? null
      : foundLines(facts.foundVia, facts.groupName)[voice][locale],
    voice === "recipient" && facts.introducerNote != null
      ? { de: `Dazu: „${facts.introducerNote}“`, en: `With: “${facts.introducerNote}”` }[locale]
      : null,
    facts.message === null ? null : message[locale],
  ]
    .filter((line): line is string => line !== null)
    .join("\n")

/**
 * The recipient's note: how the sender found them, then the sender's message.
 *
 * @example
 * ```ts
 * recipientNote("de", { foundVia: { kind: "group", groupId: "g" }, groupName: "K.", message: "Hallo!" })
 * // 'Hat mich in der Gruppe K. gefunden.\nNachricht: „Hallo!“'
 * ```
 */
export const recipientNote = (locale: Locale, facts: PrefillFacts): string =>
  noteOf("recipient", locale, facts, {
    de: `Nachricht: „${facts.message}“`,
    en: `Message: “${facts.message}”`,
  })

/**
 * The sender's note: how they found the other, then their own message, so
 * that they remember why they asked.
 *
 * @example
 * ```ts
 * senderNote("en", { foundVia: { kind: "search" }, groupName: null, message: "Met you at the fair" })
 * // 'Found through search.\nMy request: “Met you at the fair”'
 * ```
 */
export const senderNote = (locale: Locale, facts: PrefillFacts): string =>
  noteOf(
    "sender",
    locale,
    facts,
    facts.foundVia?.kind === "invitation"
      ? { de: `Meine Einladung: „${facts.message}“`, en: `My invitation: “${facts.message}”` }
      : { de: `Meine Anfrage: „${facts.message}“`, en: `My request: “${facts.message}”` },
  )

/** Who the owner of a new contact record is, and in which language they read. */
export interface NoteOwner {
  readonly id: MemberId
  readonly locale: Locale
}
