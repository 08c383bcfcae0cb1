/**
 * Bodies over a size are refused before they are read. A body whose length
 * is declared (Content-Length) is judged by that number: the HTTP parser ends
 * the body there (and refuses a request that also says chunked), so nothing
 * larger can follow. Only a streamed body of unknown length is counted as it
 * arrives. The declared case asks nothing of the request object: on Node, the
 * adapter builds a whole web Request the moment anything looks at
 * `request.body`, about 200 µs for every POST.
 *
 * A refusal goes out while the client may still be sending. Closing the
 * connection then would reset it, and a client still writing its body often
 * loses the answer with it (half of 30 streamed 3 MB bodies over keep-alive
 * got a broken pipe instead of the 413). So the rest of the body is read and
 * thrown away after the answer — at most `DRAIN_BYTES` or `DRAIN_MS`, after
 * which the connection is given up — and the connection serves the next
 * request. (For a declared length, @hono/node-server drains the same way.)
 */
import type { Context, MiddlewareHandler } from "hono"

/** How much of a refused body is read and discarded, and for how long, before giving up on it. */
export const DRAIN_BYTES = 64 * 1024 * 1024
export const DRAIN_MS = 10_000

/** Reads and discards the rest of a stream, within the bounds; then lets it go. */
const drain = (reader: ReadableStreamDefaultReader<Uint8Array>) => {
  const until = Date.now() + DRAIN_MS
  let read = 0
  const timer = setTimeout(() => void reader.cancel().catch(() => {}), DRAIN_MS)
  const step = (): Promise<void> =>
    reader.read().then(({ done, value }) => {
      if (done) return
      read += value.byteLength
      if (read > DRAIN_BYTES || Date.now() > until) return reader.cancel()
      return step()
    })
  void step()
    .catch(() => {})
    .finally(() => clearTimeout(timer))
}

export const bodySizeLimit = (
  maxSize: number,
  onError: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler => {
  return async (c, next) => {
    const declared = c.req.header("content-length")
    if (
      declared !== undefined &&
      /^\d+$/.test(declared) &&
      c.req.header("transfer-encoding") === undefined
    ) {
      return Number(declared) > maxSize ? onError(c) : next()
    }
    const body = c.req.raw.body
    if (body === null) return next()
    // Streamed: counted as it arrives, kept until it ends or passes the limit.
    const reader = body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > maxSize) {
        drain(reader)
        return onError(c)
      }
      chunks.push(value)
    }
    const whole = new Uint8Array(size)
    let offset = 0
    for (const chunk of chunks) {
      whole.set(chunk, offset)
      offset += chunk.byteLength
    }
    c.req.raw = new Request(c.req.raw, { body: whole })
    return next()
  }
}
