import { crossSection } from "./cross-section.js"
import { startWorker } from "./local-worker.js"

// The worker in workerd with a local D1 (the deploy bundle, served by Miniflare). Fewer PBKDF2 iterations
// than production's 600,000 keep sign-ups quick; their own test checks the real count.
crossSection("Cloudflare Workers (workerd, local D1)", () =>
  startWorker({
    PASSWORD_ITERATIONS: "1000",
    // The cross-section signs up a few dozen members from one address.
    SIGNUPS_PER_HOUR: "1000",
    KONTAKT_POLICY: JSON.stringify({ firstReviewAfterDays: 0 }),
  }),
)
