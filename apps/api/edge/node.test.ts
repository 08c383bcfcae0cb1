import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { startServerProcess } from "../load/server-process.js"
import { crossSection } from "./cross-section.js"
import { writeStandInWebApp } from "./stand-in-web.js"

// The same cross-section against the Node server, so that both runtimes are one API.
crossSection("Node (SQLite)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-node-"))
  const server = await startServerProcess({
    DATABASE_URL: `file:${join(dir, "n.db")}`,
    KONTAKT_POLICY: JSON.stringify({ firstReviewAfterDays: 0 }),
    // The cross-section signs up a few dozen members from one address.
    SIGNUPS_PER_HOUR: "1000",
    WEB_ROOT: writeStandInWebApp(dir),
  })
  return {
    url: server.url,
    stop: async () => {
      await server.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
})
