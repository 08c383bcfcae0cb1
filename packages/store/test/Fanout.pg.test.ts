import { fanoutSuite } from "./support/fanout.js"
import { startPostgres } from "./support/postgres.js"

fanoutSuite("PostgreSQL", async () => {
  const pg = await startPostgres()
  await pg.createDatabase("fanout")
  return { config: { kind: "pg", url: pg.url("fanout") }, teardown: () => pg.stop() }
})
