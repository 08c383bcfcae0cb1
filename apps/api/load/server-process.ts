/**
 * The real server as a child process: `node dist/node.js` with the given
 * database, on a port of its own; started, killed (SIGKILL, as a crash) and
 * started again on the same port.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { createServer } from "node:net"
import { fileURLToPath } from "node:url"

const entry = fileURLToPath(new URL("../dist/node.js", import.meta.url))

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

export interface ServerProcess {
  readonly url: string
  readonly process: () => ChildProcess
  /** Kills it without warning (SIGKILL). */
  readonly kill: () => Promise<void>
  /** Starts it again on the same port and waits until /healthz answers. */
  readonly restart: () => Promise<void>
  /** Stops it gracefully (SIGTERM). */
  readonly stop: () => Promise<void>
  readonly output: () => string
}

export const startServerProcess = async (
  env: Record<string, string>,
  options: { readonly port?: number } = {},
): Promise<ServerProcess> => {
  const port = options.port ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  let log = ""
  let child: ChildProcess
  const launch = async () => {
    child = spawn(process.execPath, ["--max-semi-space-size=64", entry], {
      env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
      stdio: ["ignore", "ignore", "pipe"],
    })
    child.stderr?.on("data", (d: Buffer) => {
      log = (log + d.toString()).slice(-20_000)
    })
    const deadline = Date.now() + 60_000
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log}`)
      const up = await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
      if (up) return
      if (Date.now() > deadline) throw new Error(`the server did not start within 60 s:\n${log}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const exited = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once("exit", () => resolve())
      child.kill(signal)
    })
  await launch()
  return {
    url,
    process: () => child,
    kill: () => exited("SIGKILL"),
    restart: launch,
    stop: () => exited("SIGTERM"),
    output: () => log,
  }
}
