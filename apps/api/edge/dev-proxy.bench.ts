/**
 * Does `wrangler dev` (what `pnpm dev:edge` runs) answer every request?
 *
 * Its dev proxy reuses a pooled connection to the worker, and workerd closes
 * idle connections after 5 s. A request sent just as both close it fails on
 * that hop. Stock wrangler 4.86.0 then held a GET until the next request
 * arrived, and answered other methods 503; our patch to it
 * (patches/wrangler@4.86.0.patch) sends a GET again at once. This sends a GET
 * and a POST in turn, each after a pause swept across the 5 s edge, and
 * counts GETs with no answer within 4 s, 503s, and the hops the patched proxy
 * logged as sent again.
 *
 *   pnpm --filter @kontakt/api bench:dev-proxy [--minutes 5]
 *
 * Prints a table, then one JSON line.
 */
import { numberArg } from "../load/args.js"
import { requestInit } from "../src/test-request.js"
import { startWranglerDev } from "./wrangler-dev.js"

const minutes = numberArg("minutes", 5)
// The pauses: 4,950 to 5,010 ms in steps of 2, in a scrambled order.
const pauses = Array.from({ length: 31 }, (_, i) => 4950 + ((i * 13) % 31) * 2)

const worker = await startWranglerDev({ PASSWORD_ITERATIONS: "1000" }, { logLevel: "debug" })
try {
  const { url } = worker
  const signup = await fetch(
    `${url}/v1/auth/signup`,
    requestInit(
      "POST",
      {
        body: {
          email: "cadence@example.org",
          password: "correct horse battery",
          handle: "cadence",
          displayName: "Cadence",
        },
      },
      url,
    ),
  )
  if (signup.status !== 201) throw new Error(`sign-up answered ${signup.status}`)
  const cookie = (signup.headers.get("set-cookie") ?? "").split(";")[0] ?? ""

  const sent = { GET: 0, POST: 0 }
  const unanswered = { GET: 0, POST: 0 }
  const unavailable = { GET: 0, POST: 0 }
  const unexpected = { GET: 0, POST: 0 }
  let slowestMs = 0
  const deadline = Date.now() + minutes * 60_000
  for (let i = 0; Date.now() < deadline; i++) {
    const pause = pauses[i % pauses.length] ?? 5000
    await new Promise((r) => setTimeout(r, pause))
    const method = i % 2 === 0 ? "GET" : "POST"
    const path = method === "GET" ? "/v1/contacts" : "/v1/notifications/read"
    sent[method]++
    const started = performance.now()
    try {
      const response = await fetch(`${url}${path}`, {
        ...requestInit(method, { cookie }, url),
        signal: AbortSignal.timeout(4000),
      })
      await response.arrayBuffer()
      slowestMs = Math.max(slowestMs, performance.now() - started)
      if (response.status === 503) unavailable[method]++
      else if (response.status !== (method === "GET" ? 200 : 204)) unexpected[method]++
    } catch {
      // No answer within 4 s: the stall (the next request frees it on stock wrangler).
      unanswered[method]++
    }
  }
  const sentAgain = worker.log().split("hop failed, sent again").length - 1

  console.log(`wrangler dev, a request after each pause of 4,950–5,010 ms, ${minutes} min`)
  console.log("method   sent   no answer in 4 s   503   other")
  for (const m of ["GET", "POST"] as const)
    console.log(
      `${m.padEnd(6)} ${String(sent[m]).padStart(6)} ${String(unanswered[m]).padStart(18)} ${String(unavailable[m]).padStart(5)} ${String(unexpected[m]).padStart(7)}`,
    )
  console.log(`hops that failed and were sent again: ${sentAgain}`)
  console.log(`slowest answer: ${slowestMs.toFixed(0)} ms`)
  console.log(
    JSON.stringify({
      bench: "dev-proxy",
      minutes,
      gets: sent.GET,
      posts: sent.POST,
      getsUnanswered: unanswered.GET,
      postsUnanswered: unanswered.POST,
      gets503: unavailable.GET,
      posts503: unavailable.POST,
      unexpected: unexpected.GET + unexpected.POST,
      hopsSentAgain: sentAgain,
      slowestMs: Math.round(slowestMs),
    }),
  )
} finally {
  await worker.stop()
}
