import { spawnSync } from "node:child_process"
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")

// Lints a probe file with the repository's own biome.json, in a temporary copy laid out like the repo.
const lint = (source: string) => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-purity-"))
  try {
    copyFileSync(join(root, "biome.json"), join(dir, "biome.json"))
    mkdirSync(join(dir, "packages", "domain", "src"), { recursive: true })
    writeFileSync(join(dir, "packages", "domain", "src", "Probe.ts"), source)
    return spawnSync(
      join(root, "node_modules", ".bin", "biome"),
      ["lint", "--vcs-enabled=false", "packages/domain/src/Probe.ts"],
      { cwd: dir, encoding: "utf8" },
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe("the domain imports nothing but zod, effect and itself (lint rule)", () => {
  it.each([
    ['import { readFileSync } from "node:fs"', "readFileSync"],
    ['import { randomUUID } from "crypto"', "randomUUID"],
    ['import { Hono } from "hono"', "Hono"],
    ['import { Members } from "@kontakt/store"', "Members"],
    ['import { Members } from "../../store/src/index.js"', "Members"],
  ])("refuses %s", (line, name) => {
    const result = lint(`${line}\nexport const probe = [${name}]\n`)
    expect(result.status).not.toBe(0)
    expect(result.stdout + result.stderr).toContain("noRestrictedImports")
  })

  it("allows zod, effect and its own modules", () => {
    const result = lint(
      [
        'import { Either } from "effect"',
        'import { absurd } from "effect/Function"',
        'import { z } from "zod"',
        'import { addDays } from "./Policy.js"',
        "export const probe = [Either, absurd, z, addDays]",
        "",
      ].join("\n"),
    )
    expect(result.stdout + result.stderr).not.toContain("noRestrictedImports")
    expect(result.status).toBe(0)
  })
})
