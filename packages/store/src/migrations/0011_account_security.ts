/**
 * Account security a member can manage: sessions get an id (to be listed and
 * ended one by one without their secret), the browser that made them and when
 * they were last used; access tokens get a scope (`read` or `read-write`) and
 * an optional expiry. Sessions made before keep working: they get a random id
 * and count as used when they were made.
 */
import type { Migration } from "../db/Migrator.js"

export const accountSecurity: Migration = {
  id: 11,
  name: "account_security",
  statements: (d) => [
    "ALTER TABLE sessions ADD COLUMN id TEXT",
    "ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE sessions ADD COLUMN last_used_at TEXT",
    d.name === "pg"
      ? "UPDATE sessions SET id = replace(gen_random_uuid()::text, '-', ''), last_used_at = created_at"
      : "UPDATE sessions SET id = lower(hex(randomblob(16))), last_used_at = created_at",
    "CREATE UNIQUE INDEX sessions_id ON sessions (id)",
    "ALTER TABLE access_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'read-write'",
    "ALTER TABLE access_tokens ADD COLUMN expires_at TEXT",
  ],
}
