import { execFileSync } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..")

describe("the lifecycle walkthrough (what `pnpm start` shows)", () => {
  it("walks request → accept with category → silent ignore → crossing → review → silent delete", () => {
    const out = execFileSync(
      join(pkg, "node_modules", ".bin", "tsx"),
      ["examples/walkthrough.ts"],
      {
        cwd: pkg,
        encoding: "utf8",
      },
    )
    const steps = out.split(/\n(?=\d+\. )/)
    expect(steps).toHaveLength(9)
    expect(steps[2]).toContain(
      "Marco's note: Hat mich in der Gruppe Online-Netzwerker K. gefunden.",
    )
    expect(steps[2]).toContain("notifications: Sandra (requestAccepted)")
    expect(steps[4]).toContain("notifications: none")
    expect(steps[4]).toContain(
      'David\'s view of his request: "pending" (identical to before: true)',
    )
    expect(steps[5]).toContain("connected at once (crossed)")
    expect(steps[6]).toContain("kontakt recommends: delete")
    expect(steps[7]).toMatch(/events: ContactReviewed, ConnectionRemoved\n\s+notifications: none/)
    expect(steps[8]).toContain("among 500 contacts, the chance of at least one: 91.8%")
  })
})
