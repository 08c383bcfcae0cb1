import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { contractSuite } from "./support/contract.js"

// D1's API (autocommit statements, atomic batches) over a SQLite file: the
// client's batching of write transactions, under the whole contract.
contractSuite("D1 (its API emulated over SQLite)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-d1-"))
  return {
    config: { kind: "d1", filename: join(dir, "d1.db") },
    teardown: async () => rmSync(dir, { recursive: true, force: true }),
  }
})
