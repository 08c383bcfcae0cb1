/**
 * `pnpm seed:demo`: fills the configured database (DATABASE_URL, default
 * ./data/kontakt.db) with the demo network.
 */
import { migrate, storeServices } from "@kontakt/store"
import { databaseLayer, parseDatabaseUrl } from "@kontakt/store/node"
import { Effect, Layer, ManagedRuntime } from "effect"
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from "./demo/seed.js"

const runtime = ManagedRuntime.make(
  storeServices.pipe(
    Layer.provideMerge(databaseLayer(parseDatabaseUrl(process.env["DATABASE_URL"]))),
  ),
)
const started = performance.now()
const result = await runtime.runPromise(Effect.zipRight(migrate, seedDemo()))
await runtime.dispose()
if (!result.created) {
  process.stdout.write(
    `The demo network is already there. Sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}\n`,
  )
} else {
  process.stdout.write(
    `Created a demo network of ${result.members} members in ${((performance.now() - started) / 1000).toFixed(1)} s.\nStart with \`pnpm start\` and sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}\n`,
  )
}
