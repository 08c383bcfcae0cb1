/**
 * The built Node entry, as `pnpm start` runs it: on SIGTERM it finishes the
 * requests in flight, closes the database and exits 0.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { request } from "node:http"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const entry = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "node.js")

describe("graceful shutdown", () => {
  it("answers the request in flight, then exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kontakt-shutdown-"))
    try {
      const child = spawn(process.execPath, [entry], {
        env: {
          ...process.env,
          PORT: "0",
          HOST: "127.0.0.1",
          DATABASE_URL: `file:${join(dir, "k.db")}`,
        },
        stdio: ["ignore", "pipe", "pipe"],
      })
      let out = ""
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString()
          const match = /listening on (http:\/\/[\d.:]+)/.exec(out)
          if (match?.[1] !== undefined) resolve(match[1])
        })
        child.on("exit", (code) => reject(new Error(`exited early with ${code}: ${out}`)))
      })
      const exited = new Promise<number | null>((resolve) =>
        child.on("exit", (code) => resolve(code)),
      )
      // Expect: 100-continue makes the server say when it has taken the request up: only then
      // is SIGTERM sent, and only then the body. The request is provably in flight.
      const body = JSON.stringify({ email: "nobody@example.org", password: "whatever it is" })
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${url}/v1/auth/login`, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "Content-Length": Buffer.byteLength(body),
            Expect: "100-continue",
          },
        })
        req.on("continue", () => {
          child.kill("SIGTERM")
          req.end(body)
        })
        req.on("response", (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
        req.on("error", reject)
        req.flushHeaders()
      })
      expect(status).toBe(401)
      expect(await exited).toBe(0)
      expect(out).toContain("SIGTERM: finishing in-flight requests")
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
