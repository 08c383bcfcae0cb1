import { startPostgres } from "../src/testing/postgres.js"
import { fanoutSuite } from "./support/fanout.js"

fanoutSuite("PostgreSQL", async () => {
  const pg = await startPostgres()
  await pg.createDatabase("fanout")
  return { config: { kind: "pg", url: pg.url("fanout") }, teardown: () => pg.stop() }
})
