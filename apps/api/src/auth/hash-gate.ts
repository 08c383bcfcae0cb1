/**
 * Password hashing behind a small semaphore. scrypt is meant to be costly:
 * run on every core at once (Node's thread pool has four threads), a flood
 * of sign-ups or bad logins would take the CPU from every signed-in member's
 * requests. At most `concurrency` hashes run at once and at most `queue`
 * wait; beyond that the request is refused at once (`HashingBusy`: 503 with
 * Retry-After) instead of waiting for seconds.
 */
import type { PasswordHasher } from "./hasher.js"

/** Refused: as many hashes are running and waiting as allowed. */
export class HashingBusy extends Error {
  constructor() {
    super("HashingBusy")
  }
}

export interface HashGateOptions {
  /** Hashes at once (default: one less than the cores, at least one). */
  readonly concurrency: number
  /** Hashes that may wait for a turn (default 32). */
  readonly queue: number
}

export interface HashGate {
  readonly run: <A>(task: () => Promise<A>) => Promise<A>
  /** Running and waiting now. */
  readonly load: () => { readonly running: number; readonly waiting: number }
  /** Whether the next hash would be refused (so a request can be before it costs anything). */
  readonly full: () => boolean
}

export const hashGate = ({ concurrency, queue }: HashGateOptions): HashGate => {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(
      `hash concurrency must be a whole number ≥ 1 (HASH_CONCURRENCY), not ${concurrency}`,
    )
  if (!Number.isInteger(queue) || queue < 0)
    throw new Error(`the hash queue must be a whole number ≥ 0, not ${queue}`)
  let running = 0
  const waiting: (() => void)[] = []
  const release = () => {
    const next = waiting.shift()
    if (next === undefined) running--
    else next()
  }
  return {
    run: async <A>(task: () => Promise<A>): Promise<A> => {
      if (running >= concurrency) {
        if (waiting.length >= queue) throw new HashingBusy()
        // The turn passes straight from the one finishing to the one waiting (running stays).
        await new Promise<void>((resolve) => waiting.push(resolve))
      } else running++
      try {
        return await task()
      } finally {
        release()
      }
    },
    load: () => ({ running, waiting: waiting.length }),
    full: () => running >= concurrency && waiting.length >= queue,
  }
}

/** The hasher with every hash and verification passing through the gate. */
export const gatedHasher = (hasher: PasswordHasher, gate: HashGate): PasswordHasher => ({
  scheme: hasher.scheme,
  hash: (password) => gate.run(() => hasher.hash(password)),
  verify: (password, encoded) => gate.run(() => hasher.verify(password, encoded)),
})
