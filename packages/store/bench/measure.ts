/** What the store benchmarks share: numeric command-line options and percentiles. */

/** The number after `--name` on the command line, or the fallback. */
export const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN
  return Number.isFinite(v) ? v : fallback
}

/** The p-th percentile of ascending values. */
export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0

/** Ascending copy of measured values. */
export const ascending = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)
