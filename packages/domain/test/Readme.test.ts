import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..")
const readme = readFileSync(join(pkg, "README.md"), "utf8")
const between = (start: string, end: string) => {
  const block = readme.split(`<!-- ${start} -->`)[1]?.split(`<!-- ${end} -->`)[0] ?? ""
  return block.replace(/^\s*```\w*\n/, "").replace(/\n```\s*$/, "")
}

describe("README", () => {
  it("its example runs against the built package and prints what the README says", () => {
    const dir = mkdtempSync(join(pkg, ".readme-"))
    try {
      const file = join(dir, "example.ts")
      writeFileSync(file, between("example:start", "example:end"))
      const tsx = join(pkg, "node_modules", ".bin", "tsx")
      const out = execFileSync(tsx, [file], { cwd: pkg, encoding: "utf8" })
      expect(out.trim()).toBe(between("output:start", "output:end").trim())
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
