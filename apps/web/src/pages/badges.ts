/**
 * The navigation's badges: a count, "" for none, "n+" where a list said
 * there is more than it counted.
 */
export const badge = (n: number, more: boolean) => (n === 0 ? "" : more ? `${n}+` : String(n))

/** The API counts unread notifications up to 100 (100: that many or more). */
export const UNREAD_COUNTED = 100

/** The unread notifications' badge: "99+" from the API's limit on. */
export const unreadBadge = (n: number) =>
  n >= UNREAD_COUNTED ? badge(UNREAD_COUNTED - 1, true) : badge(n, false)
