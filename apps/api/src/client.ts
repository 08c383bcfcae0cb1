/**
 * A typed client for the kontakt API, compiled once here so that users of it
 * do not pay for inferring the whole app's type.
 *
 * @example
 * ```ts
 * import { kontaktClient } from "@kontakt/api/client"
 * const api = kontaktClient("http://localhost:3000", { headers: { Authorization: `Bearer ${token}` } })
 * const res = await api.v1.contacts.$get({ query: { sort: "name" } })
 * ```
 */
import { hc } from "hono/client"
import type { AppType } from "./app.js"

export type Client = ReturnType<typeof hc<AppType>>

/** The typed client for a kontakt server. */
export const kontaktClient = (...args: Parameters<typeof hc>): Client => hc<AppType>(...args)
