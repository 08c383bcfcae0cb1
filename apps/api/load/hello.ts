/** The ceiling: a Hono hello-world on @hono/node-server, on the port given. */
import { serve } from "@hono/node-server"
import { Hono } from "hono"

const app = new Hono().get("/", (c) => c.text("Hello, world"))
serve({ fetch: app.fetch, port: Number(process.argv[2]), hostname: "127.0.0.1" })
