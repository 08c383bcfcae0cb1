/**
 * Random bytes, URL-safe base64 and SHA-256 with the Web Crypto API, which
 * Node and edge runtimes (Cloudflare Workers) both have: the store's ids and
 * secrets work the same on either.
 */

/** `n` cryptographically random bytes. */
export const randomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n))

/** Bytes as unpadded base64url (RFC 4648 §5). */
export const base64url = (bytes: Uint8Array): string => {
  let binary = ""
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}

/** The bytes of base64url (or base64) text. */
export const fromBase64url = (text: string): Uint8Array => {
  const standard = text.replace(/-/g, "+").replace(/_/g, "/")
  const binary = atob(standard + "=".repeat((4 - (standard.length % 4)) % 4))
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
}

/** Bytes as standard base64 (with padding). */
export const base64 = (bytes: Uint8Array): string => {
  let binary = ""
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

/** The SHA-256 of a string's UTF-8 bytes, as lower-case hex. */
export const sha256Hex = async (text: string): Promise<string> => {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")
}
