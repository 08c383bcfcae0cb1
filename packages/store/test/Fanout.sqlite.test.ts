import { fanoutSuite } from "./support/fanout.js"
import { tempSqlite } from "./support/harness.js"

fanoutSuite("SQLite", async () => {
  const db = tempSqlite()
  return { config: db.config, teardown: async () => db.remove() }
})
