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
  projects: [
    // Every spec against the Node server; the journey again against the worker in workerd.
    { name: "node" },
    { name: "edge", testMatch: /journey\.spec\.ts/ },
  ],
  use: {
    // The servers' addresses come from the global setup (see e2e/support.ts).
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
