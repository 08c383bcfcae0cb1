/**
 * A flag per database file, shared with this process's checkpointer thread:
 * raised while the checkpointer restarts the WAL. Writers of this process
 * hold back meanwhile (they try again after a turn of the event loop), so the
 * restart gets the write lock at once instead of retrying, in its busy
 * handler's sleeps, against a writer that leaves it free for microseconds
 * at a time — under writes that never paused, it could miss for seconds and
 * the log grew by all of them.
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

/** Whether the checkpointer is restarting the log now. */
export const restarting = (gate: Int32Array) => Atomics.load(gate, 0) === 1
