/**
 * Who a viewer may see in the network: never a member blocked either way,
 * and a member who hides their contacts only as the viewer's own contact
 * (never as a mutual contact or a hop further away).
 */
import type { GraphIndex } from "./GraphIndex.js"

export interface Visibility {
  /** Members blocked by or blocking the viewer. */
  readonly blocked: (member: number) => boolean
  /** Members who hide their contact list. */
  readonly hidesContacts: (member: number) => boolean
}

/** No blocks, nobody hiding: for tests and tools. */
export const everyoneVisible: Visibility = { blocked: () => false, hidesContacts: () => false }

/**
 * Whether `member` may stand between `viewer` and someone else: not blocked,
 * and not hiding their contacts unless they are the viewer's own contact.
 */
export const mayBeIntermediate = (
  g: GraphIndex,
  viewer: number,
  member: number,
  v: Visibility,
): boolean => !v.blocked(member) && (!v.hidesContacts(member) || g.hasEdge(viewer, member))
