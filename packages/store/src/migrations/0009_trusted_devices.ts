/**
 * Browsers that signed in to an account before (device cookies, as OWASP
 * describes them): an attempt from one of them is throttled per device, not
 * per account and address, so that strangers guessing an account's password
 * cannot lock its owner out (LoginAttempts.ts, docs/api.md). Only the
 * cookie's SHA-256 is stored.
 */
import type { Migration } from "../db/Migrator.js"

export const trustedDevices: Migration = {
  id: 9,
  name: "trusted_devices",
  statements: () => [
    `CREATE TABLE trusted_devices (
       token_hash TEXT PRIMARY KEY,
       member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
       created_at TEXT NOT NULL,
       last_used_at TEXT NOT NULL
     )`,
    "CREATE INDEX trusted_devices_member ON trusted_devices (member_id, last_used_at)",
  ],
}
