/**
 * The password hashing port: scrypt on Node (password.ts), PBKDF2 through
 * Web Crypto on edge runtimes (pbkdf2.ts). An encoded hash starts with its
 * scheme (`scrypt$…`, `pbkdf2-sha256$…`) and carries its parameters.
 */
export interface PasswordHasher {
  /** The scheme its hashes start with. */
  readonly scheme: string
  readonly hash: (password: string) => Promise<string>
  readonly verify: (password: string, encoded: string) => Promise<boolean>
}

/**
 * Hashes with `primary`; verifies each hash with the hasher of its scheme
 * (an unknown scheme goes to `primary`, which refuses it at full cost). So a
 * Node server verifies passwords set at the edge.
 */
export const anyOf = (primary: PasswordHasher, ...others: PasswordHasher[]): PasswordHasher => ({
  scheme: primary.scheme,
  hash: primary.hash,
  verify: (password, encoded) => {
    const scheme = encoded.slice(0, Math.max(0, encoded.indexOf("$")))
    const hasher = [primary, ...others].find((h) => h.scheme === scheme) ?? primary
    return hasher.verify(password, encoded)
  },
})
