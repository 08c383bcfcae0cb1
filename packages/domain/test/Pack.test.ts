import { execFileSync } from "node:child_process"
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs"
import { rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..")
const work = mkdtempSync(join(tmpdir(), "kontakt-pack-"))
// The installed project holds effect's thousands of files; removing them takes seconds when the cores are busy.
afterAll(() => rm(work, { recursive: true, force: true }), 60_000)

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })

describe("the published package", () => {
  it("packs, installs into an empty project, imports and type-checks", () => {
    run("pnpm", ["pack", "--pack-destination", work], pkg)
    const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"))
    expect(tarball).toBeDefined()
    const listing = run("tar", ["-tzf", join(work, tarball ?? "")], work)
    expect(listing).toContain("package/dist/index.js")
    expect(listing).toContain("package/dist/index.d.ts")
    expect(listing).toContain("package/README.md")
    expect(listing).not.toContain("package/test/")

    const app = join(work, "app")
    run("mkdir", ["-p", app], work)
    writeFileSync(
      join(app, "package.json"),
      JSON.stringify({ name: "app", private: true, type: "module" }),
    )
    run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", join(work, tarball ?? "")],
      app,
    )

    const out = run(
      "node",
      [
        "--input-type=module",
        "-e",
        'import { chanceOfAtLeastOne, defaultPolicy, Handle } from "@kontakt/domain"; console.log(defaultPolicy.weeklyRequestLimit, Handle.parse("Ada_L"), chanceOfAtLeastOne(0.5, 2))',
      ],
      app,
    )
    expect(out.trim()).toBe("100 ada_l 0.75")

    writeFileSync(
      join(app, "check.ts"),
      [
        'import { type DomainError, type Verdict, judgeRequest } from "@kontakt/domain"',
        'const v: Verdict = judgeRequest({ mode: "acceptAll" }, { hasPhoto: true, sharedGroupCount: 0, hasMessage: false, mutualCount: 0, openToNetworking: true })',
        'const tag: DomainError["_tag"] = "MemberNotFound"',
        "export const out = [v, tag]",
      ].join("\n"),
    )
    const tsc = join(pkg, "node_modules", ".bin", "tsc")
    run(
      tsc,
      [
        "--noEmit",
        "--strict",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
        "--skipLibCheck",
        "false",
        "check.ts",
      ],
      app,
    )
  }, 120_000)
})
