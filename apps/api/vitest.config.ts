/// <reference types="vitest/config" />
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "load/**/*.test.ts", "abuse/**/*.test.ts", "edge/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "test-results/results.json" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Some tests start servers and databases of their own; keep files from competing for 2 cores.
    fileParallelism: false,
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary"],
    },
  },
})
