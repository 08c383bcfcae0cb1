/**
 * Sign-in attempts, counted in the database: every process (and every edge
 * isolate) sees the same count, and an attempt is counted before its
 * password is checked, so that attempts sent at the same moment cannot all
 * pass the check before any is counted.
 */
import type { Migration } from "../db/Migrator.js"

export const loginAttempts: Migration = {
  id: 6,
  name: "login_attempts",
  statements: () => [
    `CREATE TABLE login_attempts (
       id TEXT PRIMARY KEY,
       attempt TEXT NOT NULL,
       throttle_key TEXT NOT NULL,
       at TEXT NOT NULL
     )`,
    "CREATE INDEX login_attempts_key ON login_attempts (throttle_key, at)",
    "CREATE INDEX login_attempts_attempt ON login_attempts (attempt)",
  ],
}
