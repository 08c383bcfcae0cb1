/**
 * What the end-to-end specs share: the server's address (from the global
 * setup; the "edge" project's is the worker's), members as browser contexts of their own (each with its language
 * and a list of console errors, which must stay empty), and a few calls to
 * the real API for setting the scene faster than clicking would.
 */
import {
  type Browser,
  type BrowserContext,
  test as base,
  expect,
  type Page,
} from "@playwright/test"

export { expect }

/** The address of the server a project's specs talk to (set by the global setup). */
export const serverURL = (project: string): string => {
  const name = project === "edge" ? "KONTAKT_E2E_EDGE_URL" : "KONTAKT_E2E_URL"
  const url = process.env[name]
  if (url === undefined) throw new Error(`${name} is not set: the global setup did not run`)
  return url
}

export const test = base.extend({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  baseURL: async ({}, use, testInfo) => {
    await use(serverURL(testInfo.project.name))
  },
})

export const PASSWORD = "correct horse battery staple"
let counter = 0
/** A handle no other test uses, e.g. ada-1a2b. */
export const unique = (name: string) =>
  `${name}-${Date.now().toString(36).slice(-4)}${(++counter).toString(36)}`

export interface Member {
  readonly handle: string
  readonly name: string
  readonly email: string
  /** The server this member's browser talks to. */
  readonly baseURL: string
  readonly context: BrowserContext
  readonly page: Page
  /** Console errors and uncaught exceptions seen on this member's pages. */
  readonly errors: string[]
}

const watch = (page: Page, errors: string[]) => {
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${page.url()}: ${m.text()}`)
  })
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`))
}

/** A browser context for a member, speaking `locale`; not signed up yet. */
export const visitor = async (
  browser: Browser,
  baseURL: string,
  name: string,
  locale: "de-DE" | "en-GB",
  viewport = { width: 1280, height: 900 },
): Promise<Member> => {
  const handle = unique(name.toLowerCase().split(" ")[0] ?? "m")
  const context = await browser.newContext({ baseURL, locale, viewport })
  const page = await context.newPage()
  const errors: string[] = []
  watch(page, errors)
  return { handle, name, email: `${handle}@example.org`, baseURL, context, page, errors }
}

/** Signs the member up through the API (for members the test does not watch signing up). */
export const signUpByApi = async (m: Member) => {
  const res = await m.context.request.post("/v1/auth/signup", {
    data: { email: m.email, password: PASSWORD, handle: m.handle, displayName: m.name },
  })
  expect(res.status(), await res.text()).toBe(201)
}

/** A call to the API as the member (session cookie and our Origin, as the app sends them). */
export const call = async (m: Member, method: string, path: string, data?: unknown) => {
  const origin = new URL(m.page.url() === "about:blank" ? m.baseURL : m.page.url()).origin
  const res = await m.context.request.fetch(path, {
    method,
    headers: { Origin: origin },
    ...(data === undefined ? {} : { data }),
  })
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300)
  return res.status() === 204 ? null : ((await res.json()) as unknown)
}

/** a asks b and b accepts, through the API. */
export const connect = async (a: Member, b: Member) => {
  const sent = (await call(a, "POST", "/v1/requests", { to: b.handle, message: "Hallo!" })) as {
    request?: { id: string }
  }
  if (sent.request !== undefined)
    await call(b, "POST", `/v1/requests/${sent.request.id}/accept`, {})
}

/** Fails the test if any member's pages logged an error. */
export const expectNoConsoleErrors = (...members: readonly Member[]) =>
  expect(members.flatMap((m) => m.errors)).toEqual([])
