import { contractSuite } from "./support/contract.js"
import { startPostgres } from "./support/postgres.js"

contractSuite("PostgreSQL", async () => {
  const pg = await startPostgres()
  await pg.createDatabase("contract")
  return { config: { kind: "pg", url: pg.url("contract") }, teardown: () => pg.stop() }
})
