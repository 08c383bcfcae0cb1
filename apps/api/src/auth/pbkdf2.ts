/**
 * Password hashing with PBKDF2-HMAC-SHA256 through the Web Crypto API, for
 * runtimes without node:crypto's scrypt (Cloudflare Workers). OWASP asks for
 * 600,000 iterations; hashes carry their iteration count, so it can be raised
 * without breaking old ones. Hashes look like `pbkdf2-sha256$600000$<salt>$<key>`.
 */
import { base64url, fromBase64url } from "@kontakt/store"
import type { PasswordHasher } from "./hasher.js"

/** OWASP Password Storage Cheat Sheet: PBKDF2-HMAC-SHA256 with 600,000 iterations. */
export const OWASP_PBKDF2_ITERATIONS = 600_000

const derive = async (password: string, salt: Uint8Array, iterations: number) => {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(password.normalize("NFC")),
    "PBKDF2",
    false,
    ["deriveBits"],
  )
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    key,
    256,
  )
  return new Uint8Array(bits)
}

// Compares in time that does not depend on where the bytes first differ.
const sameBytes = (a: Uint8Array, b: Uint8Array) => {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}

/**
 * A PBKDF2 hasher.
 *
 * @example
 * ```ts
 * const hasher = pbkdf2Hasher()
 * await hasher.verify("correct horse battery", await hasher.hash("correct horse battery")) // true
 * ```
 */
export const pbkdf2Hasher = (iterations: number = OWASP_PBKDF2_ITERATIONS): PasswordHasher => ({
  scheme: "pbkdf2-sha256",
  hash: async (password) => {
    const salt = crypto.getRandomValues(new Uint8Array(16))
    const key = await derive(password, salt, iterations)
    return ["pbkdf2-sha256", iterations, base64url(salt), base64url(key)].join("$")
  },
  verify: async (password, encoded) => {
    const [scheme, rounds, salt, key] = encoded.split("$")
    const count = Number(rounds)
    if (scheme !== "pbkdf2-sha256" || salt === undefined || key === undefined || !(count > 0)) {
      // Same work as a real check, so an unknown account answers as slowly as a wrong password.
      await derive(password, new Uint8Array(16), iterations)
      return false
    }
    return sameBytes(await derive(password, fromBase64url(salt), count), fromBase64url(key))
  },
})
