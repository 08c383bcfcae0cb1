import { contractSuite } from "./support/contract.js"
import { tempSqlite } from "./support/harness.js"

contractSuite("SQLite", async () => {
  const db = tempSqlite()
  return { config: db.config, teardown: async () => db.remove() }
})
