/**
 * Runs the end-to-end suite when a Chromium is there (CHROMIUM_PATH, or
 * Debian's /usr/bin/chromium), and says loudly when it is not and the suite
 * is skipped. Never downloads a browser.
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { createRequire } from "node:module"

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
if (!existsSync(chromium)) {
  const line = "!".repeat(78)
  console.warn(
    `\n${line}\n!! END-TO-END TESTS SKIPPED: no Chromium at ${chromium}.\n!! Install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH; .ci/run installs it.\n${line}\n`,
  )
  process.exit(0)
}
const cli = createRequire(import.meta.url).resolve("@playwright/test/cli")
const result = spawnSync(process.execPath, [cli, "test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
})
process.exit(result.status ?? 1)
