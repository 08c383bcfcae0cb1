/**
 * The outbox's retention on Node: every `everyMs` (default an hour; the first
 * pass a minute after start, or sooner if the period is shorter) the store
 * prunes what no process needs any more (OutboxRetention in @kontakt/store).
 * A pass that is still running when the next is due is not doubled; a failed
 * one is logged and tried again at the next.
 */
import { OutboxRetention } from "@kontakt/store"
import { Effect, type ManagedRuntime } from "effect"

export const PRUNE_EVERY_MS = 3_600_000

export const startOutboxPruning = (
  runtime: ManagedRuntime.ManagedRuntime<OutboxRetention, unknown>,
  everyMs: number,
  report: (message: string, extra: Record<string, unknown>) => void,
): (() => void) => {
  let running = false
  const pass = () => {
    if (running) return
    running = true
    runtime
      .runPromise(Effect.flatMap(OutboxRetention, (r) => r.prune(new Date())))
      .then(
        (removed) => {
          if (removed > 0) report("outbox pruned", { removed })
        },
        (e: unknown) => report("outbox pruning failed", { error: String(e) }),
      )
      .finally(() => {
        running = false
      })
  }
  const first = setTimeout(pass, Math.min(everyMs, 60_000))
  const timer = setInterval(pass, everyMs)
  first.unref()
  timer.unref()
  return () => {
    clearTimeout(first)
    clearInterval(timer)
  }
}
