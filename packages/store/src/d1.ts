/**
 * @kontakt/store/d1 — Cloudflare D1 (SQLite at the edge) as kontakt's
 * database: the store's port over the D1 binding (db/D1.ts), so every query
 * of the store runs unchanged.
 */
export { type D1Database, type D1PreparedStatement, d1Db, d1Layer } from "./db/D1.js"
