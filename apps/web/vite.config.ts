/// <reference types="vitest/config" />
import { defineConfig } from "vite"
import solid from "vite-plugin-solid"

// In development the API runs on its own port (pnpm start); Vite forwards /v1 to it.
const api = process.env["KONTAKT_API"] ?? "http://127.0.0.1:3000"

export default defineConfig({
  plugins: [solid()],
  server: { proxy: { "/v1": api, "/docs": api, "/healthz": api } },
  build: { target: "es2022", sourcemap: true, chunkSizeWarningLimit: 600 },
  test: {
    environment: "jsdom",
    setupFiles: ["src/test-setup.ts"],
    // `pnpm test` runs every package's tests at once on two cores: a component test that takes
    // 0.5 s alone took 5.2 s beside them. Its waits are for conditions; this only bounds them.
    testTimeout: 30_000,
    include: ["src/**/*.test.tsx", "src/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "test-results/results.json" },
    coverage: {
      provider: "v8",
      include: ["src/**/*.{ts,tsx}"],
      reporter: ["text-summary"],
    },
    server: { deps: { inline: [/solid-js/, /@solidjs/] } },
  },
  // Component tests render in jsdom: Solid's browser build, not its server one.
  ...(process.env["VITEST"] === undefined
    ? {}
    : { resolve: { conditions: ["development", "browser"] } }),
})
