/**
 * The API as the web app calls it: the typed client of @kontakt/api on this
 * page's origin (the session cookie goes along), and `ok`, which turns a
 * response into its body or throws the problem the API answered with.
 */
import { kontaktClient } from "@kontakt/api/client"
import type { ClientResponse } from "hono/client"

const origin = typeof location === "undefined" ? "http://localhost" : location.origin

export const api = kontaktClient(origin, { init: { credentials: "same-origin" } })

/** A problem+json answer (RFC 9457) from the API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: readonly { readonly path: string; readonly message: string }[] = [],
    /** For 429: when to try again, from Retry-After. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(detail)
  }
}

// The body of a response's successful case (null for 204).
type Success<R> =
  R extends ClientResponse<infer B, infer S, infer _F>
    ? S extends 200 | 201
      ? B
      : S extends 204
        ? null
        : never
    : never

/** The successful body of a call, or the API's problem thrown as an ApiError. */
export const ok = async <R extends ClientResponse<unknown, number, string>>(
  call: Promise<R>,
): Promise<Success<R>> => {
  let res: R
  try {
    res = await call
  } catch {
    throw new ApiError(0, "Offline", "The server could not be reached.")
  }
  if (res.ok) return (res.status === 204 ? null : await res.json()) as Success<R>
  throw await problemOf(res)
}

/** The problem a refused response carries, as an ApiError. */
const problemOf = async (res: Response | ClientResponse<unknown, number, string>) => {
  const body = (await res.json().catch(() => null)) as {
    code?: string
    detail?: string
    errors?: { path: string; message: string }[]
  } | null
  return new ApiError(
    res.status,
    body?.code ?? "Unknown",
    body?.detail ?? res.statusText,
    body?.errors ?? [],
    res.headers.get("Retry-After") === null ? null : Number(res.headers.get("Retry-After")),
  )
}

/**
 * A form posted to the API (a file upload, which the typed client does not
 * describe): its JSON body, or the problem thrown as an ApiError.
 */
export const postForm = async <T>(path: string, form: FormData): Promise<T> => {
  let res: Response
  try {
    res = await fetch(new URL(path, origin), {
      method: "POST",
      body: form,
      credentials: "same-origin",
    })
  } catch {
    throw new ApiError(0, "Offline", "The server could not be reached.")
  }
  if (res.ok) return (await res.json()) as T
  throw await problemOf(res)
}

/** The address of a member's photo. */
export const photoUrl = (handle: string, version = "") =>
  `/v1/members/${encodeURIComponent(handle)}/photo${version === "" ? "" : `?v=${version}`}`
