/**
 * A flag per database file, shared with this process's checkpointer thread:
 * raised while the checkpointer copies the log's last frames so that the log
 * can start over (Checkpointer.ts). Writers of this process hold back
 * meanwhile (they try again after a turn of the event loop), so no frame is
 * added behind the copy — and the checkpointer gets the write lock at once
 * instead of retrying, in its busy handler's sleeps, against a writer that
 * leaves it free for microseconds at a time (under writes that never paused
 * it could miss for seconds, and the log grew by all of them).
 */
import { resolve } from "node:path"

const gates = new Map<string, Int32Array>()

/** The flag for a file (the same array for every caller in this process). */
export const walGate = (filename: string): Int32Array => {
  const key = resolve(filename)
  let gate = gates.get(key)
  if (gate === undefined) {
    gate = new Int32Array(new SharedArrayBuffer(4))
    gates.set(key, gate)
  }
  return gate
}

/** Whether the checkpointer is holding writers back now. */
export const writersHeld = (gate: Int32Array) => Atomics.load(gate, 0) === 1
