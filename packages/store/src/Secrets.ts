/**
 * Secrets (session cookies, access tokens): made random, stored only as
 * their SHA-256. How the hash is computed is a service: Web Crypto by default
 * (every runtime has it, but it answers asynchronously, an extra turn of the
 * event loop per request); on Node, `@kontakt/store/node` provides
 * `createHash`, synchronous and ~20× cheaper.
 */
import { Context, Effect } from "effect"
import { base64url, randomBytes, sha256Hex } from "./Bytes.js"

/** A new secret: 32 random bytes, URL-safe, with a prefix that says what it is. */
export const newSecret = (prefix: string): string => `${prefix}${base64url(randomBytes(32))}`

/** The stored form of a secret: its SHA-256, in hex. */
export const hashSecret = (secret: string): Promise<string> => sha256Hex(secret)

/** How secrets are hashed for storage and lookup. */
export class SecretHash extends Context.Reference<SecretHash>()("@kontakt/store/SecretHash", {
  defaultValue: () => ({
    hash: (secret: string): Effect.Effect<string> => Effect.promise(() => sha256Hex(secret)),
  }),
}) {}
