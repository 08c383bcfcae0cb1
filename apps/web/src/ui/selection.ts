/**
 * A set of chosen keys (categories to file under, contacts to recommend to,
 * rows to act on) as a signal: what is chosen, and choosing or unchoosing one.
 */
import { createSignal } from "solid-js"

export const createSelection = () => {
  const [chosen, setChosen] = createSignal<ReadonlySet<string>>(new Set())
  /** Chooses `key` (or unchooses it, with `on` false). */
  const set = (key: string, on: boolean) =>
    setChosen((s) => {
      if (s.has(key) === on) return s
      const next = new Set(s)
      if (on) next.add(key)
      else next.delete(key)
      return next
    })
  return {
    keys: chosen,
    has: (key: string) => chosen().has(key),
    set,
    toggle: (key: string) => set(key, !chosen().has(key)),
    clear: () => setChosen(new Set<string>()),
  }
}

export type Selection = ReturnType<typeof createSelection>
