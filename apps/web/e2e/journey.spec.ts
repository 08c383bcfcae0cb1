/**
 * The lifecycle through the browser, with several members at once: a request
 * with a note → accept into a category → a third member hears of the new
 * connection → post, like, and the liker's contact sees it → flag as odd →
 * review → delete, which the deleted side never hears of. Ada uses the app
 * in German, the others in English.
 */
import {
  call,
  connect,
  expect,
  expectNoConsoleErrors,
  type Member,
  signUpByApi,
  test,
  unique,
  visitor,
} from "./support.js"

const signUpInBrowser = async (m: Member, labels: Record<string, string>, submit: string) => {
  await m.page.goto("/signup")
  await m.page.getByLabel(labels["name"] ?? "").fill(m.name)
  await m.page.getByLabel(labels["handle"] ?? "").fill(m.handle)
  await m.page.getByLabel(labels["email"] ?? "").fill(m.email)
  await m.page.getByLabel(labels["password"] ?? "").fill("correct horse battery staple")
  await m.page.getByRole("button", { name: submit }).click()
  await m.page.waitForURL("**/welcome")
}

test("request → accept → news → post, like, flag → review → silent delete", async ({
  browser,
  baseURL,
}) => {
  const url = baseURL ?? ""
  const ada = await visitor(browser, url, "Ada Lovelace", "de-DE")
  const bob = await visitor(browser, url, "Bob Baker", "en-GB")
  const carla = await visitor(browser, url, "Carla Cruz", "en-GB")
  const dora = await visitor(browser, url, "Dora Diaz", "en-GB")
  const host = await visitor(browser, url, "Hanna Host", "en-GB")
  const groupName = `Online-Netzwerker K. ${unique("g")}`

  await test.step("a group exists; Ada signs up in German and onboards", async () => {
    await signUpByApi(host)
    await call(host, "POST", "/v1/groups", { name: groupName, description: "Wir vernetzen uns" })
    await signUpInBrowser(
      ada,
      { name: "Dein Name", handle: "Benutzername", email: "E-Mail", password: "Passwort" },
      "Konto anlegen",
    )
    await expect(ada.page.getByRole("heading", { name: "Willkommen, Ada Lovelace" })).toBeVisible()
    await ada.page.getByLabel("Überschrift").fill("Trainerin für Online-Networking")
    await ada.page.getByLabel(new RegExp(groupName.replace(/[.]/g, "\\."))).check()
    await ada.page.getByLabel("Annehmen, wenn meine Kriterien erfüllt sind").check()
    await expect(ada.page.getByLabel("Hat ein Foto")).toBeVisible()
    await ada.page.getByRole("button", { name: "Fertig – zu meinen Neuigkeiten" }).click()
    await ada.page.waitForURL(`${url}/`)
    await expect(ada.page.getByRole("heading", { name: "Deine Neuigkeiten" })).toBeVisible()
  })

  await test.step("Bob signs up in English; Carla knows Ada, Dora knows Bob", async () => {
    await signUpInBrowser(
      bob,
      { name: "Your name", handle: "Handle", email: "Email", password: "Password" },
      "Create account",
    )
    await bob.page.getByRole("link", { name: "Skip for now" }).click()
    const groups = (await call(bob, "GET", "/v1/groups?limit=100")) as {
      items: { id: string; name: string }[]
    }
    const group = groups.items.find((g) => g.name === groupName)
    await call(bob, "POST", `/v1/groups/${group?.id}/join`)
    for (const m of [carla, dora]) await signUpByApi(m)
    await connect(carla, ada)
    await connect(dora, bob)
  })

  await test.step("Ada finds Bob in the group and asks, with the note pre-written", async () => {
    await ada.page.getByRole("link", { name: "Entdecken" }).click()
    await ada.page.getByRole("link", { name: groupName }).click()
    const card = ada.page.locator("article", { hasText: "Bob Baker" })
    await card.getByRole("button", { name: "Vernetzen …" }).click()
    const dialog = ada.page.getByRole("dialog", { name: "Mit Bob Baker vernetzen" })
    const note = dialog.getByLabel("Warum Du Dich vernetzen möchtest")
    await expect(note).toHaveValue(
      `Hallo Bob, habe Dich in der Gruppe ${groupName} gefunden und würde mich gerne mit Dir vernetzen. `,
    )
    await note.pressSequentially("Liebe Grüße, Ada")
    const length = (await note.inputValue()).trim().length
    await expect(dialog.getByText(`${length} / 300`)).toBeVisible()
    await dialog.getByRole("button", { name: "Anfrage senden" }).click()
    await expect(ada.page.getByText("Anfrage an Bob Baker gesendet.")).toBeVisible()
    await expect(card.getByRole("link", { name: "Anfrage gesendet" })).toBeVisible()
  })

  await test.step("Bob sees why Ada asks, and accepts into a new category", async () => {
    await bob.page.goto("/inbox")
    const request = bob.page.getByRole("article", { name: "Ada Lovelace" })
    await expect(request.getByText("Liebe Grüße, Ada")).toBeVisible()
    await expect(request.getByText(`Found you in the group ${groupName}.`)).toBeVisible()
    await expect(request.getByText("Your decision.")).toBeVisible()
    await expect(request.getByText("Shares a group with you")).toBeVisible()
    await request.getByRole("button", { name: "Accept…" }).click()
    const dialog = bob.page.getByRole("dialog", { name: "Accept Ada Lovelace" })
    const note = dialog.getByLabel("Why we connected (only you see this)")
    await expect(note).toHaveValue(
      new RegExp(
        `^Found me in the group ${groupName.replace(/[.]/g, "\\.")}\\.\\nMessage: “Hallo Bob`,
      ),
    )
    await dialog.getByLabel("New category").fill("Trade fair")
    await dialog.getByRole("button", { name: "Add" }).click()
    await expect(dialog.getByLabel("Trade fair")).toBeChecked()
    await dialog.getByRole("button", { name: "Accept", exact: true }).click()
    await expect(bob.page.getByText("You are now connected with Ada Lovelace.")).toBeVisible()
    await bob.page.getByRole("link", { name: "Contacts" }).click()
    await expect(
      bob.page.getByRole("button", { name: /Ada Lovelace/ }).getByText("Trade fair"),
    ).toBeVisible()
  })

  await test.step("Carla, Ada's contact, reads of the new connection", async () => {
    await carla.page.goto("/")
    await expect(carla.page.getByText("Ada Lovelace is now connected with Bob Baker")).toBeVisible()
  })

  await test.step("Bob posts; Ada likes it; Carla sees it, brought by Ada", async () => {
    await bob.page.getByRole("link", { name: "Home", exact: true }).click()
    await bob.page
      .getByLabel("Share something with your contacts")
      .fill("New article about referrals")
    await bob.page.getByLabel("Link (optional)").fill("https://example.org/referrals")
    await bob.page.getByRole("button", { name: "Post", exact: true }).click()
    await expect(bob.page.getByText("Posted. Your contacts see it in their feeds.")).toBeVisible()
    await ada.page.getByRole("link", { name: "Start", exact: true }).click()
    const post = ada.page.getByRole("article", { name: "Bob Baker" })
    await post.getByRole("button", { name: "Gefällt mir (0)" }).click()
    await expect(post.getByRole("button", { name: "Gefällt mir ✓ (1)" })).toBeVisible()
    await carla.page.reload()
    const seen = carla.page.getByRole("article", { name: "Bob Baker" })
    await expect(seen.getByText("New article about referrals")).toBeVisible()
    await expect(seen.getByText("Ada Lovelace likes this")).toBeVisible()
  })

  await test.step("Carla flags it as odd news: private, Bob hears nothing of it", async () => {
    const post = carla.page.getByRole("article", { name: "Bob Baker" })
    await post.getByRole("button", { name: "Odd news" }).click()
    // Marked, and the server has it: the mark survives a reload.
    await expect(post.getByRole("button", { name: "Marked as odd" })).toHaveAttribute(
      "aria-pressed",
      "true",
    )
    await expect(carla.page.getByText("Marked as odd news — only you know.")).toBeVisible()
    await carla.page.reload()
    await expect(
      carla.page
        .getByRole("article", { name: "Bob Baker" })
        .getByRole("button", { name: "Marked as odd" }),
    ).toHaveAttribute("aria-pressed", "true")
    await bob.page.getByRole("link", { name: "Notifications" }).click()
    await expect(bob.page.getByText("likes your post")).toBeVisible()
    await expect(bob.page.getByRole("link", { name: "Carla Cruz" })).toHaveCount(0)
  })

  await test.step("Bob reviews and deletes Ada; Ada is never told", async () => {
    const before = await call(ada, "GET", "/v1/notifications?limit=100")
    await bob.page.getByRole("link", { name: "Review" }).click()
    // Contacts come up one at a time; keep everyone until Ada's turn.
    const card = bob.page.getByRole("article")
    for (let i = 0; i < 5; i++) {
      await expect(card).toBeVisible()
      if ((await card.getByRole("heading").textContent()) === "Ada Lovelace") break
      await card.getByRole("button", { name: "Keep" }).click()
    }
    await expect(card.getByRole("heading", { name: "Ada Lovelace" })).toBeVisible()
    await expect(card.getByText(/kontakt suggests: (keep|mute|delete)/)).toBeVisible()
    await card.getByRole("button", { name: "Delete…" }).click()
    const confirm = bob.page.getByRole("dialog", { name: "Delete Ada Lovelace?" })
    await expect(
      confirm.getByText("Ada Lovelace will not be told.", { exact: false }),
    ).toBeVisible()
    await confirm.getByRole("button", { name: "Delete" }).click()
    await expect(bob.page.getByText("Ada Lovelace deleted — they were not told.")).toBeVisible()
    // Ada: the same notifications as before, and the contact simply gone.
    expect(await call(ada, "GET", "/v1/notifications?limit=100")).toEqual(before)
    await ada.page.getByRole("link", { name: "Kontakte" }).click()
    await expect(ada.page.getByRole("button", { name: /Carla Cruz/ })).toBeVisible()
    await expect(ada.page.getByRole("button", { name: /Bob Baker/ })).toHaveCount(0)
  })

  await test.step("Ada switches to English, and back", async () => {
    await ada.page.getByLabel("Sprache").selectOption("en")
    await expect(ada.page.getByRole("link", { name: "Contacts" })).toBeVisible()
    await expect(ada.page.getByRole("heading", { name: "Contacts" })).toBeVisible()
    await ada.page.getByLabel("Language").selectOption("de")
    await expect(ada.page.getByRole("heading", { name: "Kontakte" })).toBeVisible()
  })

  expectNoConsoleErrors(ada, bob, carla, dora, host)
  for (const m of [ada, bob, carla, dora, host]) await m.context.close()
})
