/// <reference types="vitest/config" />
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests are bounded by their run counts, not by time; other packages' tests share the
    // cores (the 300 random graphs against graphology took 72 s in one CI run).
    testTimeout: 180_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/results.json" },
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary", "text"],
    },
  },
})
