/**
 * Password hashing with scrypt, a memory-hard KDF, at one of OWASP's
 * recommended settings (N = 2^14, r = 8, p = 5: 16 MiB). The encoded hash
 * carries its parameters, so they can be raised later without breaking old hashes.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto"
import type { PasswordHasher } from "./hasher.js"

export type { PasswordHasher } from "./hasher.js"

export interface ScryptParams {
  readonly N: number
  readonly r: number
  readonly p: number
}

/** OWASP Password Storage Cheat Sheet: scrypt with N=2^14 (16 MiB), r=8, p=5. */
export const OWASP_SCRYPT: ScryptParams = { N: 2 ** 14, r: 8, p: 5 }

const derive = (password: string, salt: Buffer, params: ScryptParams) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(
      password.normalize("NFC"),
      salt,
      32,
      { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (err, key) => (err === null ? resolve(key) : reject(err)),
    ),
  )

/**
 * An scrypt hasher. Hashes look like `scrypt$16384$8$5$<salt>$<key>` (base64url).
 *
 * @example
 * ```ts
 * const hasher = scryptHasher()
 * await hasher.verify("correct horse battery", await hasher.hash("correct horse battery")) // true
 * ```
 */
export const scryptHasher = (params: ScryptParams = OWASP_SCRYPT): PasswordHasher => ({
  scheme: "scrypt",
  hash: async (password) => {
    const salt = randomBytes(16)
    const key = await derive(password, salt, params)
    return [
      "scrypt",
      params.N,
      params.r,
      params.p,
      salt.toString("base64url"),
      key.toString("base64url"),
    ].join("$")
  },
  verify: async (password, encoded) => {
    const [scheme, N, r, p, salt, key] = encoded.split("$")
    if (scheme !== "scrypt" || salt === undefined || key === undefined) {
      // Same work as a real check, so an unknown account answers as slowly as a wrong password.
      await derive(password, Buffer.alloc(16), params)
      return false
    }
    const expected = Buffer.from(key, "base64url")
    const actual = await derive(password, Buffer.from(salt, "base64url"), {
      N: Number(N),
      r: Number(r),
      p: Number(p),
    })
    return actual.length === expected.length && timingSafeEqual(actual, expected)
  },
})
