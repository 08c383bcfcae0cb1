/**
 * The CPU time a server spends, read from Linux's /proc: user and system
 * time of its processes (a cluster's workers included), in seconds.
 */
import { readdirSync, readFileSync } from "node:fs"

// Clock ticks per second in /proc/<pid>/stat (USER_HZ; 100 on Linux).
const TICKS = 100

const stat = (pid: number) => {
  try {
    // Fields after the command name, which may hold spaces: state is the first.
    const text = readFileSync(`/proc/${pid}/stat`, "utf8")
    return text.slice(text.lastIndexOf(")") + 2).split(" ")
  } catch {
    return null
  }
}

/** The user and system CPU seconds of these processes so far. */
export const cpuSeconds = (pids: readonly number[]) => {
  let ticks = 0
  for (const pid of pids) {
    const f = stat(pid)
    // utime and stime are fields 14 and 15 of the line; 11 and 12 after the name.
    if (f !== null) ticks += Number(f[11]) + Number(f[12])
  }
  return ticks / TICKS
}

/** A process and every process below it. */
export const processTree = (root: number): number[] => {
  const parent = new Map<number, number>()
  for (const name of readdirSync("/proc")) {
    const pid = Number(name)
    if (!Number.isInteger(pid)) continue
    const f = stat(pid)
    if (f !== null) parent.set(pid, Number(f[1]))
  }
  const out = [root]
  for (let i = 0; i < out.length; i++)
    for (const [pid, ppid] of parent) if (ppid === out[i]) out.push(pid)
  return out
}
