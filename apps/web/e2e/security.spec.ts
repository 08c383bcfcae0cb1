/**
 * Account security in the browser: Ada, signed in on two browsers, sees both
 * in her settings, signs the other out, and changes her password — the
 * other browser is out and only the new password signs in.
 */
import { expect, expectNoConsoleErrors, PASSWORD, signUpByApi, test, visitor } from "./support.js"

const NEW_PASSWORD = "staple mountain lantern river"

test("sessions listed and signed out; a new password ends the other browser's session", async ({
  browser,
  baseURL,
}) => {
  const url = baseURL ?? ""
  const ada = await visitor(browser, url, "Ada Security", "en-GB")
  await signUpByApi(ada)
  // The same member on a second browser.
  const other = await browser.newContext({ baseURL: url, locale: "en-GB" })
  const login = (password: string) =>
    other.request.post("/v1/auth/login", { data: { email: ada.email, password } })
  expect((await login(PASSWORD)).status()).toBe(200)
  const otherIsIn = async () => (await other.request.get("/v1/me")).status() === 200
  expect(await otherIsIn()).toBe(true)

  await test.step("both browsers are listed, this one marked, the other signed out", async () => {
    await ada.page.goto("/settings")
    const sessions = ada.page.getByRole("region", { name: "Where you are signed in" })
    await expect(sessions.getByRole("listitem")).toHaveCount(2)
    await expect(sessions.getByText("this browser")).toHaveCount(1)
    await sessions.getByRole("button", { name: "Sign out everywhere else" }).click()
    await expect(sessions.getByRole("listitem")).toHaveCount(1)
    expect(await otherIsIn()).toBe(false)
  })

  await test.step("a new password: the current one first, then the other browser is out", async () => {
    expect((await login(PASSWORD)).status()).toBe(200)
    const form = ada.page.getByRole("form", { name: "Password" })
    await form.getByLabel("Current password").fill("not my password at all")
    await form.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD)
    await form.getByLabel("New password again").fill(NEW_PASSWORD)
    await form.getByRole("button", { name: "Change password" }).click()
    await expect(form.getByText("The password is not right.")).toBeVisible()
    // The browser logs the refusal it was meant to get (403); that one and no other.
    expect(ada.errors).toEqual([expect.stringContaining("status of 403")])
    ada.errors.length = 0
    expect(await otherIsIn()).toBe(true)
    await form.getByLabel("Current password").fill(PASSWORD)
    await form.getByRole("button", { name: "Change password" }).click()
    await expect(
      ada.page.getByText("Password changed. Other browsers are signed out."),
    ).toBeVisible()
    expect(await otherIsIn()).toBe(false)
    expect((await login(PASSWORD)).status()).toBe(401)
    expect((await login(NEW_PASSWORD)).status()).toBe(200)
    // Ada's own browser stays signed in.
    await ada.page.reload()
    await expect(ada.page.getByRole("heading", { name: "Settings" })).toBeVisible()
  })

  await other.close()
  expectNoConsoleErrors(ada)
})
