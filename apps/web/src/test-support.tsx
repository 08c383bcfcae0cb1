/**
 * Component tests: the app's providers around a component, and a fake of
 * the server's HTTP answers (the server is not what these tests are about;
 * the end-to-end suite drives the real one).
 */
import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router"
import { render } from "@solidjs/testing-library"
import type { JSX } from "solid-js"
import { vi } from "vitest"
import { I18nProvider, type Locale } from "./i18n/index.js"
import { SessionProvider } from "./session.js"
import { ToastProvider } from "./ui/Toasts.js"

export interface Call {
  readonly method: string
  readonly path: string
  readonly body: unknown
}
type Handler = (call: Call) => Response | Promise<Response>

export const json = (body: unknown, status = 200) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  })

export const problem = (status: number, code: string, detail = code) =>
  new Response(JSON.stringify({ type: "about:blank", title: code, status, detail, code }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  })

export const ME = {
  handle: "ada",
  displayName: "Ada Lovelace",
  headline: "Analyst",
  bio: "",
  hasPhoto: false,
  openToNetworking: true,
  email: "ada@example.org",
  settings: {
    whoCanRequest: "everyone",
    requireMessage: false,
    acceptance: { mode: "manual" },
    broadcastConnections: true,
    hideContacts: false,
    reviewEveryDays: 180,
    locale: "en",
  },
  createdAt: "2026-01-01T00:00:00.000Z",
}

/** A member as the API shows one, with a name and no photo unless given. */
export const memberOf = (
  handle: string,
  displayName: string,
  traits: { readonly hasPhoto?: boolean; readonly openToNetworking?: boolean } = {},
) => ({
  handle,
  displayName,
  headline: "",
  bio: "",
  hasPhoto: traits.hasPhoto ?? false,
  openToNetworking: traits.openToNetworking ?? false,
})

/** A post as the API shows one: nothing liked, flagged or commented yet. */
export const postOf = (id: string, text: string, author: ReturnType<typeof memberOf>) => ({
  id,
  author,
  text,
  link: null,
  createdAt: "2026-05-01T10:00:00.000Z",
  likes: 0,
  comments: 0,
  likedByMe: false,
  flaggedByMe: false,
})

/** Answers requests by "METHOD /path"; records every call. Unknown addresses get a 404 problem. */
export const fakeServer = (routes: Record<string, Handler>) => {
  const calls: Call[] = []
  const all: Record<string, Handler> = {
    "GET /v1/auth/session": () => json({ member: ME }),
    ...routes,
  }
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init)
    const url = new URL(request.url)
    const text = request.body === null ? "" : await request.text()
    // JSON as the value it carries; anything else (a multipart form) as its text.
    const isJson = (request.headers.get("Content-Type") ?? "").includes("json")
    const call = {
      method: request.method,
      path: url.pathname + url.search,
      body: text === "" ? null : isJson ? (JSON.parse(text) as unknown) : text,
    }
    calls.push(call)
    const handler = all[`${call.method} ${url.pathname}`]
    return handler === undefined ? problem(404, "NotFound") : handler(call)
  })
  return calls
}

/** Renders with language, session and messages, inside a router at `location`. */
export const renderWith = (
  ui: () => JSX.Element,
  options: { readonly locale?: Locale; readonly location?: string } = {},
) => {
  const history = createMemoryHistory()
  history.set({ value: options.location ?? "/" })
  return render(() => (
    <I18nProvider locale={options.locale ?? "en"}>
      <SessionProvider>
        <ToastProvider>
          <MemoryRouter history={history}>
            <Route path="*" component={() => ui()} />
          </MemoryRouter>
        </ToastProvider>
      </SessionProvider>
    </I18nProvider>
  ))
}
