import { startPostgres } from "../src/testing/postgres.js"
import { contractSuite } from "./support/contract.js"

contractSuite("PostgreSQL", async () => {
  const pg = await startPostgres()
  await pg.createDatabase("contract")
  return { config: { kind: "pg", url: pg.url("contract") }, teardown: () => pg.stop() }
})
