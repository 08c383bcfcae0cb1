/**
 * Identifiers. Members are addressed internally by an opaque id and publicly
 * by their handle; requests, posts and categories by opaque ids. The domain
 * never creates ids: callers pass new ones in, so transitions stay pure.
 *
 * @module
 */

/**
 * A member's opaque, stable id (not the handle, which a member may change).
 *
 * @example
 * ```ts
 * const ada: MemberId = "m_01HZX..."
 * ```
 */
export type MemberId = string
