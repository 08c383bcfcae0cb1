/**
 * Migration 11 (account security) on a database with sessions and tokens:
 * a session made before keeps working, now with an id of its own and as used
 * when it was made; a token made before can read and write and never expires.
 */
import { Effect, Layer, ManagedRuntime, Option } from "effect"
import { migrateWith } from "../src/db/Migrator.js"
import { Accounts, Db, type Param, storeServices } from "../src/index.js"
import { migrations } from "../src/Migrate.js"
import { type DatabaseConfig, databaseLayer } from "../src/node.js"
import { hashSecret } from "../src/Secrets.js"
import { describeMigration } from "./support/migration.js"

const at = "2026-01-01T00:00:00.000Z"
const until = "2026-01-31T00:00:00.000Z"
const now = new Date("2026-01-02T00:00:00.000Z")

const upgrade = async (config: DatabaseConfig) => {
  const runtime = ManagedRuntime.make(
    storeServices.pipe(Layer.provideMerge(databaseLayer(config)), Layer.orDie),
  )
  const sql = (text: string, params: readonly Param[] = []) =>
    runtime.runPromise(Effect.flatMap(Db, (db) => db.unsafe(text, params)))
  try {
    await runtime.runPromise(migrateWith(migrations.filter((m) => m.id < 11)))
    await sql(
      `INSERT INTO members (id, handle, email, display_name, settings, password_hash, created_at)
       VALUES ('ada', 'ada', 'ada@example.org', 'Ada', '{}', 'x', ?)`,
      [at],
    )
    for (const secret of ["ks_one", "ks_two"])
      await sql(
        "INSERT INTO sessions (token_hash, member_id, created_at, expires_at) VALUES (?, 'ada', ?, ?)",
        [await hashSecret(secret), at, until],
      )
    await sql(
      `INSERT INTO access_tokens (id, member_id, name, token_hash, created_at)
       VALUES ('t1', 'ada', 'old', ?, ?)`,
      [await hashSecret("kt_old"), at],
    )
    const applied = await runtime.runPromise(migrateWith(migrations.filter((m) => m.id <= 11)))
    const accounts = <A>(f: (a: Accounts) => Effect.Effect<A, unknown>) =>
      runtime.runPromise(Effect.flatMap(Accounts, f) as Effect.Effect<A, never, Accounts>)
    const listed = await accounts((a) => a.sessions("ada", now))
    const one = await accounts((a) => a.session("ks_one", now, 30))
    return {
      applied: applied.map(([id]) => id),
      listed: listed.map((s) => ({
        idLength: s.id.length,
        userAgent: s.userAgent,
        lastUsedAt: s.lastUsedAt.toISOString(),
      })),
      distinctIds: new Set(listed.map((s) => s.id)).size,
      signedIn: Option.map(one.member, (m) => m.id),
      listedId: listed.some((s) => s.id === one.sessionId),
      token: await accounts((a) => a.tokenMember("kt_old", now)),
      tokens: (await accounts((a) => a.tokens("ada"))).map((t) => [t.scope, t.expiresAt]),
    }
  } finally {
    await runtime.dispose()
  }
}

const expected = {
  applied: [11],
  listed: [
    { idLength: 32, userAgent: "", lastUsedAt: at },
    { idLength: 32, userAgent: "", lastUsedAt: at },
  ],
  distinctIds: 2,
  signedIn: Option.some("ada"),
  listedId: true,
  token: Option.some({ member: "ada", scope: "read-write" }),
  tokens: [["read-write", null]],
}

describeMigration(
  "migration 11, account security, on a database with sessions and tokens",
  upgrade,
  expected,
)
