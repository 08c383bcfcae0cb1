/**
 * Every page, at 390 px and 1280 px: no serious or critical accessibility
 * violation (axe-core, WCAG 2.1 A and AA), no console error, and a screenshot
 * under e2e/screenshots/ (git-ignored) to look at. The member has data on
 * every page: contacts, requests both ways, a category, a post, a group.
 */
import AxeBuilder from "@axe-core/playwright"
import type { Browser, Page } from "@playwright/test"
import {
  call,
  connect,
  expect,
  expectNoConsoleErrors,
  type Member,
  PASSWORD,
  serverURL,
  signUpByApi,
  test,
  unique,
  visitor,
} from "./support.js"

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
] as const

const settle = async (page: Page) => {
  await page.waitForLoadState("networkidle")
  await expect(page.getByRole("status").filter({ hasText: /Loading|Lädt/ })).toHaveCount(0)
}

const check = async (page: Page, name: string, width: number) => {
  await settle(page)
  await page.screenshot({ path: `e2e/screenshots/${name}-${width}.png`, fullPage: true })
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze()
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${name} @${width}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    )
  expect(bad).toEqual([])
}

interface Scene {
  readonly members: readonly Member[]
  readonly anonymous: Member
  readonly signedIn: Member
  readonly ida: Member
  readonly jan: Member
  readonly groupId: string
  readonly entryId: string
  /** An invitation link's secret, for the sign-up page. */
  readonly invitation: string
}

/** Every page: its name (for the screenshot), where it is, and who looks at it. */
const PAGES: readonly { name: string; path: (s: Scene) => string; signedIn: boolean }[] = [
  { name: "login", path: () => "/login", signedIn: false },
  { name: "signup", path: () => "/signup", signedIn: false },
  { name: "welcome", path: () => "/welcome", signedIn: true },
  { name: "home", path: () => "/", signedIn: true },
  { name: "inbox", path: () => "/inbox", signedIn: true },
  { name: "inbox-ignored", path: () => "/inbox?tab=ignored", signedIn: true },
  { name: "inbox-sent", path: () => "/inbox?tab=sent", signedIn: true },
  { name: "inbox-introductions", path: () => "/inbox?tab=introductions", signedIn: true },
  { name: "contacts", path: () => "/contacts", signedIn: true },
  { name: "contact-panel", path: (s) => `/contacts?open=${s.ida.handle}`, signedIn: true },
  { name: "address-book", path: () => "/address-book", signedIn: true },
  { name: "address-book-entry", path: (s) => `/address-book?open=${s.entryId}`, signedIn: true },
  { name: "invitations", path: () => "/invitations", signedIn: true },
  { name: "signup-invited", path: (s) => `/signup#invitation=${s.invitation}`, signedIn: false },
  { name: "categories", path: () => "/categories", signedIn: true },
  { name: "review", path: () => "/review", signedIn: true },
  { name: "discover", path: () => "/discover", signedIn: true },
  { name: "group", path: (s) => `/groups/${s.groupId}`, signedIn: true },
  { name: "profile", path: (s) => `/members/${s.jan.handle}`, signedIn: true },
  { name: "network", path: () => "/network", signedIn: true },
  { name: "notifications", path: () => "/notifications", signedIn: true },
  { name: "settings", path: () => "/settings", signedIn: true },
  { name: "not-found", path: () => "/no-such-page", signedIn: true },
]

/** Sandra and the people around her, so that every page has something to show. */
const setScene = async (
  browser: Browser,
  url: string,
  viewport: (typeof WIDTHS)[number],
): Promise<Scene> => {
  const setup = async (name: string): Promise<Member> => {
    const m = await visitor(browser, url, name, "de-DE")
    await signUpByApi(m)
    return m
  }
  const [sandra, ida, jan, lea, tim, uwe] = await Promise.all(
    ["Sandra Staub", "Ida Lange", "Jan Koch", "Lea Schwarz", "Tim Krause", "Uwe Berg"].map(setup),
  )
  if (!sandra || !ida || !jan || !lea || !tim || !uwe) throw new Error("setup failed")
  const group = (await call(sandra, "POST", "/v1/groups", {
    name: `Gruppe K. ${unique("g")}`,
    description: "Online-Netzwerker",
  })) as { id: string }
  await call(ida, "POST", `/v1/groups/${group.id}/join`)
  await connect(ida, sandra)
  await connect(jan, ida)
  // Uwe, another of Sandra's contacts, asks her to introduce him to Ida.
  await connect(uwe, sandra)
  await call(uwe, "POST", "/v1/introductions", {
    via: sandra.handle,
    to: ida.handle,
    message: "Sandra, stellst Du mich Ida vor?",
  })
  await call(lea, "POST", "/v1/requests", { to: sandra.handle, message: "Hallo Sandra!" })
  await call(sandra, "POST", "/v1/requests", { to: tim.handle, message: "Hallo Tim!" })
  await call(sandra, "POST", "/v1/categories", { name: "Kunden", reviewEveryDays: 90 })
  // Sandra's address book: Ida (a contact, findable) and two who are not on kontakt; an invitation.
  await call(ida, "PATCH", "/v1/me", { settings: { findableByEmail: true } })
  const imported = await sandra.context.request.post("/v1/imports", {
    headers: { Origin: new URL(url).origin, "content-type": "text/vcard" },
    data: [ida.email, "nora@example.org", "olaf@example.org"]
      .map(
        (email, i) =>
          `BEGIN:VCARD\r\nVERSION:4.0\r\nFN:${["Ida Lange", "Nora Nord", "Olaf Ost"][i]}\r\nEMAIL:${email}\r\nORG:Messebau GmbH\r\nCATEGORIES:Kunden\r\nEND:VCARD\r\n`,
      )
      .join(""),
  })
  expect(imported.status(), await imported.text()).toBe(200)
  const book = (await call(sandra, "GET", "/v1/address-book")) as { items: { id: string }[] }
  const invited = (await call(sandra, "POST", "/v1/invitations", {
    emails: ["olaf@example.org"],
    message: "Hallo Olaf, komm zu kontakt!",
  })) as { items: { secret: string }[] }
  await call(ida, "POST", "/v1/posts", {
    text: "Tipps fürs Netzwerken",
    link: "https://example.org",
  })
  // Sandra again, in a browser as wide as the test's; and a visitor who is not signed in.
  const anonymous = await visitor(browser, url, "Anna Nym", "de-DE", viewport)
  const signedIn = await visitor(browser, url, "Sandra Staub", "de-DE", viewport)
  const login = await signedIn.context.request.post("/v1/auth/login", {
    data: { email: sandra.email, password: PASSWORD },
  })
  expect(login.status()).toBe(200)
  return {
    members: [sandra, ida, jan, lea, tim, uwe, anonymous, signedIn],
    anonymous,
    signedIn,
    ida,
    jan,
    groupId: group.id,
    entryId: book.items[1]?.id ?? "",
    invitation: encodeURIComponent(invited.items[0]?.secret ?? ""),
  }
}

// A test per page and width, so that each page has the whole test timeout to
// itself; the scene is set once per width.
for (const viewport of WIDTHS)
  test.describe(`at ${viewport.width} px`, () => {
    let scene: Scene | undefined
    const current = (): Scene => {
      if (scene === undefined) throw new Error("the scene was not set")
      return scene
    }
    test.beforeAll(async ({ browser }, testInfo) => {
      scene = await setScene(browser, serverURL(testInfo.project.name), viewport)
    })
    test.afterAll(async () => {
      for (const m of scene?.members ?? []) await m.context.close()
    })
    test.afterEach(() => {
      // Errors belong to the page that logged them: each test checks its own.
      const members = scene?.members ?? []
      try {
        expectNoConsoleErrors(...members)
      } finally {
        for (const m of members) m.errors.length = 0
      }
    })

    for (const p of PAGES)
      test(`${p.name} is accessible and renders`, async () => {
        const s = current()
        const page = p.signedIn ? s.signedIn.page : s.anonymous.page
        await page.goto(p.path(s))
        await check(page, p.name, viewport.width)
      })

    test("the request dialog is accessible and renders", async () => {
      const { signedIn, jan } = current()
      await signedIn.page.goto(`/members/${jan.handle}`)
      await signedIn.page.getByRole("button", { name: "Vernetzen …" }).click()
      await check(signedIn.page, "request-dialog", viewport.width)
      await signedIn.page.keyboard.press("Escape")
    })

    test("the introduction and recommendation dialogs are accessible and render", async () => {
      const { signedIn, jan } = current()
      await signedIn.page.goto(`/members/${jan.handle}`)
      await signedIn.page
        .getByRole("button", { name: "Ida Lange um eine Vorstellung bitten" })
        .click()
      await check(signedIn.page, "introduce-dialog", viewport.width)
      await signedIn.page.keyboard.press("Escape")
      await signedIn.page.getByRole("button", { name: "Weiterempfehlen …" }).click()
      await check(signedIn.page, "recommend-dialog", viewport.width)
      await signedIn.page.keyboard.press("Escape")
    })

    test("the import and invitation dialogs are accessible and render", async () => {
      const { signedIn } = current()
      await signedIn.page.goto("/address-book")
      await signedIn.page.getByRole("button", { name: "Importieren…" }).click()
      await signedIn.page.getByLabel("Datei").setInputFiles({
        name: "kontakte.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("Vorname;Nachname;E-Mail\nUwe;Ufer;uwe@example.org\n"),
      })
      await expect(signedIn.page.getByText("1 neu")).toBeVisible()
      await check(signedIn.page, "import-dialog", viewport.width)
      await signedIn.page.keyboard.press("Escape")
      await signedIn.page.goto("/invitations")
      await signedIn.page.getByRole("button", { name: "Neue Einladung…" }).click()
      await check(signedIn.page, "invite-dialog", viewport.width)
      await signedIn.page.keyboard.press("Escape")
    })

    test("the accept dialog is accessible and renders", async () => {
      const { signedIn } = current()
      await signedIn.page.goto("/inbox")
      await signedIn.page.getByRole("button", { name: "Annehmen …" }).click()
      await check(signedIn.page, "accept-dialog", viewport.width)
    })
  })

test("works with the keyboard alone: skip link, dialogs open and close, focus comes back", async ({
  browser,
  baseURL,
}) => {
  const url = baseURL ?? ""
  const [me, other] = await Promise.all([
    visitor(browser, url, "Kai Key", "en-GB"),
    visitor(browser, url, "Olga Other", "en-GB"),
  ])
  await Promise.all([signUpByApi(me), signUpByApi(other)])
  await me.page.goto(`/members/${other.handle}`)
  await settle(me.page)
  await me.page.keyboard.press("Tab")
  await expect(me.page.getByRole("link", { name: "Skip to content" })).toBeFocused()
  await me.page.keyboard.press("Enter")
  await expect(me.page.locator("#main")).toBeFocused()
  const ask = me.page.getByRole("button", { name: "Ask to connect…" })
  await ask.focus()
  await me.page.keyboard.press("Enter")
  const dialog = me.page.getByRole("dialog", { name: "Ask Olga Other to connect" })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByLabel("Why you would like to connect")).toBeFocused()
  await me.page.keyboard.press("Escape")
  await expect(dialog).toBeHidden()
  await expect(ask).toBeFocused()
  await ask.press("Enter")
  await me.page.keyboard.press("Tab")
  await expect(dialog.getByRole("button", { name: "Send request" })).toBeFocused()
  await me.page.keyboard.press("Enter")
  await expect(me.page.getByText("Request sent to Olga Other.")).toBeVisible()
  expectNoConsoleErrors(me, other)
  await me.context.close()
  await other.context.close()
})
