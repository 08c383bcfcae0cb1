/**
 * A request as a browser or API client would send it, for tests that talk
 * to the app in process (`app.request`) or over HTTP (`fetch`).
 */
export interface CallOptions {
  /** The session cookie (`kontakt_session=…`). */
  readonly cookie?: string
  /** A personal access token, sent as a bearer token. */
  readonly token?: string
  /** Sent as JSON. */
  readonly body?: unknown
  /** Sent as it is (for bad input). */
  readonly raw?: string | Uint8Array
  /** Sent as multipart/form-data (the boundary set by the request). */
  readonly form?: FormData
  readonly headers?: Record<string, string>
}

/** The request's init: the cookie, our `origin` on cookie-authenticated writes unless a test set one, JSON bodies typed. */
export const requestInit = (method: string, options: CallOptions, origin: string): RequestInit => {
  const headers = new Headers(options.headers)
  if (options.cookie !== undefined) headers.set("cookie", options.cookie)
  if (options.token !== undefined) headers.set("authorization", `Bearer ${options.token}`)
  if (options.cookie !== undefined && method !== "GET" && !headers.has("origin"))
    headers.set("origin", origin)
  let body: string | Uint8Array | FormData | undefined = options.raw ?? options.form
  if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    if (!headers.has("content-type")) headers.set("content-type", "application/json")
  }
  return { method, headers, ...(body === undefined ? {} : { body }) }
}
