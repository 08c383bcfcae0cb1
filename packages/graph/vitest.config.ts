/// <reference types="vitest/config" />
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests are bounded by their run counts, not by time; other packages' tests share the cores.
    testTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/results.json" },
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary", "text"],
    },
  },
})
