import { cleanup } from "@solidjs/testing-library"
import { afterEach, vi } from "vitest"

// Each test starts with an empty page and the real fetch.
afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  localStorage.clear()
})
