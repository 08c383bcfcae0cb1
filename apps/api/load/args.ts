/** The number after `--name` on the command line (the last one given wins), or the fallback. */
export const numberArg = (name: string, fallback: number) => {
  const i = process.argv.lastIndexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN
  return Number.isFinite(v) ? v : fallback
}
