import { spawn } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const tsx = join(here, "..", "..", "node_modules", ".bin", "tsx")

/** Starts a worker process; resolves with its JSON output lines when it exits. */
export const worker = (file: string, barrier: string, op: string, args: unknown) => {
  const child = spawn(tsx, [join(here, "worker.ts"), file, barrier, op, JSON.stringify(args)], {
    stdio: ["ignore", "pipe", "pipe"],
  })
  let out = ""
  let err = ""
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString()
  })
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString()
  })
  const done = new Promise<unknown[]>((resolve, reject) => {
    child.on("exit", (code) =>
      code === 0
        ? resolve(
            out
              .split("\n")
              .filter((l) => l.trim() !== "")
              .map((l) => JSON.parse(l) as unknown),
          )
        : reject(new Error(`worker ${op} exited ${code}: ${err}`)),
    )
  })
  return { child, done, output: () => out }
}
