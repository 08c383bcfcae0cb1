import { defineConfig } from "@playwright/test"

// Debian's Chromium (never a downloaded browser); the flags keep it off the network.
const executablePath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium"

export default defineConfig({
  testDir: "e2e",
  // One server and two cores: the specs take turns.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    // Set by the global setup, which starts the real server on a free port.
    baseURL: process.env["KONTAKT_E2E_URL"] ?? "http://127.0.0.1:0",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
})
