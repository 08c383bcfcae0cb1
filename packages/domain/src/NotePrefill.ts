/**
 * The note a contact record starts with on accept: why we connected, in the
 * owner's language, from how the sender found the recipient and what they wrote.
 *
 * @module
 */
import type { MemberId } from "./Ids.js"
import type { Locale } from "./Member.js"
import type { FoundVia } from "./Request.js"

/** What the pre-filled note is made from. */
export interface PrefillFacts {
  readonly foundVia: FoundVia | null
  /** The group's name when `foundVia` names a group the store could find. */
  readonly groupName: string | null
  readonly message: string | null
}

const foundViaLine = (
  locale: Locale,
  foundVia: FoundVia | null,
  groupName: string | null,
): string | null => {
  if (foundVia === null) return null
  switch (foundVia.kind) {
    case "group":
      return locale === "de"
        ? `Hat mich in der Gruppe ${groupName ?? "(gelöscht)"} gefunden.`
        : `Found me in the group ${groupName ?? "(deleted)"}.`
    case "contact":
      return locale === "de"
        ? `Hat mich über die Kontakte von @${foundVia.handle} gefunden.`
        : `Found me through @${foundVia.handle}'s contacts.`
    case "search":
      return locale === "de" ? "Hat mich über die Suche gefunden." : "Found me through search."
    case "suggestion":
      return locale === "de"
        ? "Hat mich über einen Vorschlag gefunden."
        : "Found me through a suggestion."
    case "post":
      return locale === "de"
        ? "Hat mich über einen meiner Beiträge gefunden."
        : "Found me through one of my posts."
  }
}

// The same facts, told by the one who asked.
const foundThemLine = (
  locale: Locale,
  foundVia: FoundVia | null,
  groupName: string | null,
): string | null => {
  if (foundVia === null) return null
  switch (foundVia.kind) {
    case "group":
      return locale === "de"
        ? `In der Gruppe ${groupName ?? "(gelöscht)"} gefunden.`
        : `Found in the group “${groupName ?? "(deleted)"}”.`
    case "contact":
      return locale === "de"
        ? `Gefunden über die Kontakte von @${foundVia.handle}.`
        : `Found through @${foundVia.handle}'s contacts.`
    case "search":
      return locale === "de" ? "Gefunden über die Suche." : "Found through search."
    case "suggestion":
      return locale === "de" ? "Gefunden über einen Vorschlag." : "Found through a suggestion."
    case "post":
      return locale === "de" ? "Gefunden über einen Beitrag." : "Found through a post."
  }
}

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
  [
    foundViaLine(locale, facts.foundVia, facts.groupName),
    facts.message === null
      ? null
      : locale === "de"
        ? `Nachricht: „${facts.message}“`
        : `Message: “${facts.message}”`,
  ]
    .filter((line): line is string => line !== null)
    .join("\n")

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
  [
    foundThemLine(locale, facts.foundVia, facts.groupName),
    facts.message === null
      ? null
      : locale === "de"
        ? `Meine Anfrage: „${facts.message}“`
        : `My request: “${facts.message}”`,
  ]
    .filter((line): line is string => line !== null)
    .join("\n")

/** Who the owner of a new contact record is, and in which language they read. */
export interface NoteOwner {
  readonly id: MemberId
  readonly locale: Locale
}
