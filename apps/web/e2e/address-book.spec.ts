/**
 * Bringing a network in and taking it out, through the browser: Sandra
 * imports her LinkedIn export (preview, then the report), sorts two of the
 * people into "Kunden", asks the one who is on kontakt (findable by email) to
 * connect with the pre-written request, invites another — who signs up
 * through the link and is connected — keeps the third at his review, and
 * exports her contacts as vCard.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  call,
  expect,
  expectNoConsoleErrors,
  PASSWORD,
  signUpByApi,
  test,
  unique,
  visitor,
} from "./support.js"

test("import a LinkedIn export → sort into Kunden → request the one on kontakt → invite another → export as vCard", async ({
  browser,
  baseURL,
}) => {
  const url = baseURL ?? ""
  const sandra = await visitor(browser, url, "Sandra Schmidt", "de-DE")
  const jana = await visitor(browser, url, "Jana Jung", "en-GB")
  const paul = await visitor(browser, url, "Paul Neu", "de-DE")
  const tom = `tom-${unique("t")}@example.org`
  let kunden = ""

  await test.step("Jana is on kontakt and findable by email; Sandra has a category Kunden", async () => {
    await signUpByApi(jana)
    await call(jana, "PATCH", "/v1/me", { settings: { findableByEmail: true } })
    await signUpByApi(sandra)
    await call(sandra, "PATCH", "/v1/me", { settings: { locale: "de" } })
    kunden = ((await call(sandra, "POST", "/v1/categories", { name: "Kunden" })) as { id: string })
      .id
  })

  const file = join(mkdtempSync(join(tmpdir(), "kontakt-e2e-import-")), "Connections.csv")
  writeFileSync(
    file,
    [
      "Notes:",
      '"When exporting your connection data, you may notice that some of the email addresses are missing."',
      "",
      "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
      `Jana,Jung,https://www.linkedin.com/in/${jana.handle},${jana.email},Jung & Partner,Beraterin,04 Mar 2019`,
      `Paul,Neu,https://www.linkedin.com/in/${paul.handle},${paul.email},Neu AG,Einkauf,12 Jan 2021`,
      `Tom,Weber,https://www.linkedin.com/in/tom-weber,${tom},,,01 Feb 2020`,
      "",
    ].join("\n"),
  )
  const page = sandra.page

  await test.step("Sandra imports the file: the preview says what it is and what will happen", async () => {
    await page.goto("/address-book")
    await expect(page.getByRole("heading", { name: "Adressbuch" })).toBeVisible()
    await page.getByRole("button", { name: "Importieren…" }).click()
    const dialog = page.getByRole("dialog", { name: "Kontakte importieren" })
    await dialog.getByLabel("Datei").setInputFiles(file)
    await expect(dialog.getByText("Ein LinkedIn-Export")).toBeVisible()
    await expect(dialog.getByText("3 Personen in der Datei.")).toBeVisible()
    await expect(dialog.getByText("3 neu")).toBeVisible()
    await expect(dialog.getByRole("cell", { name: "Jana Jung" })).toBeVisible()
    await dialog.getByRole("button", { name: "Importieren", exact: true }).click()
    await expect(dialog.getByRole("heading", { name: "Importiert" })).toBeVisible()
    await dialog.getByRole("button", { name: "Schließen" }).click()
    await expect(page.getByRole("button", { name: /Tom Weber/ })).toBeVisible()
  })

  await test.step("she sorts Jana and Paul into Kunden at once", async () => {
    await page.getByLabel("Jana Jung auswählen").check()
    await page.getByLabel("Paul Neu auswählen").check()
    await page.getByLabel("Zur Kategorie hinzufügen").selectOption({ label: "Kunden" })
    await page.getByRole("button", { name: "Hinzufügen", exact: true }).click()
    await expect(page.getByText("2 zu Kunden hinzugefügt.")).toBeVisible()
    await page.getByLabel("Kategorie").selectOption({ label: "Kunden" })
    await expect(page.getByRole("button", { name: /Tom Weber/ })).toHaveCount(0)
    await expect(page.getByRole("button", { name: /Paul Neu/ })).toBeVisible()
  })

  await test.step("Jana shows as on kontakt; Sandra sends the pre-written request", async () => {
    const row = page.getByRole("listitem").filter({ hasText: "Jana Jung" })
    await expect(row.getByText("auf kontakt")).toBeVisible()
    await expect(
      page.getByRole("listitem").filter({ hasText: "Paul Neu" }).getByText("auf kontakt"),
    ).toHaveCount(0)
    await row.getByRole("button", { name: "Kontakt anfragen…" }).click()
    const dialog = page.getByRole("dialog")
    await expect(dialog.getByRole("textbox").first()).toHaveValue(
      "Hallo Jana, wir sind schon auf LinkedIn verbunden – lass uns auch hier auf kontakt in Verbindung bleiben.",
    )
    await dialog.getByRole("button", { name: "Anfrage senden" }).click()
    await expect(page.getByText("Anfrage an Jana Jung gesendet.")).toBeVisible()
    await expect(row.getByText("Anfrage gesendet")).toBeVisible()
  })

  await test.step("Jana accepts: Sandra's Kunden and note move onto the contact, the entry goes", async () => {
    const incoming = (await call(jana, "GET", "/v1/requests/incoming")) as {
      items: { id: string; foundVia: unknown }[]
    }
    expect(incoming.items[0]?.foundVia).toEqual({ kind: "import", source: "linkedin" })
    await call(jana, "POST", `/v1/requests/${incoming.items[0]?.id}/accept`, {})
    const contact = (await call(sandra, "GET", `/v1/contacts/${jana.handle}`)) as {
      categoryIds: string[]
      note: string
    }
    expect(contact.categoryIds).toEqual([kunden])
    expect(contact.note).toContain("Auf LinkedIn verbunden seit dem 04.03.2019.")
    await page.reload()
    await expect(page.getByRole("button", { name: /Paul Neu/ })).toBeVisible()
    await expect(page.getByRole("button", { name: /Jana Jung/ })).toHaveCount(0)
  })

  let link = ""
  await test.step("she invites Paul: one link to copy, and an email of her own", async () => {
    await page.getByRole("button", { name: /Paul Neu/ }).click()
    await page.getByRole("button", { name: "Zu kontakt einladen…" }).click()
    const dialog = page.getByRole("dialog", { name: "Zu kontakt einladen" })
    await dialog.getByLabel("Deine Worte").fill("Hallo Paul, komm zu kontakt!")
    await dialog.getByRole("button", { name: "Links erstellen" }).click()
    const field = dialog.getByRole("textbox", { name: "Link kopieren" })
    await expect(field).toHaveValue(/\/signup#invitation=ki_/)
    link = await field.inputValue()
    const mail = dialog.getByRole("link", { name: "E-Mail schreiben" })
    await expect(mail).toHaveAttribute(
      "href",
      new RegExp(`^mailto:${encodeURIComponent(paul.email)}\\?`),
    )
    await dialog.getByRole("button", { name: "Schließen" }).click()
  })

  await test.step("Paul opens the link: he sees who invites him, signs up, and is Sandra's contact", async () => {
    await paul.page.goto(link)
    await expect(
      paul.page.getByRole("heading", { name: "Sandra Schmidt lädt Dich zu kontakt ein" }),
    ).toBeVisible()
    await expect(paul.page.getByText("Hallo Paul, komm zu kontakt!")).toBeVisible()
    await expect(
      paul.page.getByLabel("Mich bei der Anmeldung mit Sandra Schmidt verbinden"),
    ).toBeChecked()
    await paul.page.getByLabel("Dein Name").fill(paul.name)
    await paul.page.getByLabel("Benutzername").fill(paul.handle)
    await paul.page.getByLabel("E-Mail").fill(paul.email)
    await paul.page.getByLabel("Passwort").fill(PASSWORD)
    await paul.page.getByRole("button", { name: "Konto anlegen" }).click()
    await paul.page.waitForURL("**/welcome")
    const contact = (await call(sandra, "GET", `/v1/contacts/${paul.handle}`)) as {
      categoryIds: string[]
    }
    expect(contact.categoryIds).toEqual([kunden])
    await page.goto("/invitations")
    await expect(page.getByText("angenommen")).toBeVisible()
  })

  await test.step("Tom comes up for review like a contact; she keeps him", async () => {
    await page.goto("/address-book?due=true")
    await page.getByRole("button", { name: /Tom Weber/ }).click()
    await page.getByRole("button", { name: "Behalten" }).click()
    await expect(page.getByText("Tom Weber behalten.")).toBeVisible()
    await page.reload()
    await expect(page.getByText("Niemand ist zur Überprüfung fällig.")).toBeVisible()
    await expect(page.getByRole("button", { name: /Tom Weber/ })).toHaveCount(0)
  })

  await test.step("she exports her contacts and address book as vCard", async () => {
    await page.goto("/contacts")
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Als vCard exportieren" }).click(),
    ])
    const text = readFileSync((await download.path()) ?? "", "utf8")
    expect(text.match(/BEGIN:VCARD/g)?.length).toBe(3)
    expect(text).toContain("FN:Jana Jung")
    expect(text).toContain("FN:Paul Neu")
    expect(text).toContain("FN:Tom Weber")
    expect(text).toContain("CATEGORIES:Kunden")
    expect(text).toContain(`EMAIL:${tom}`)
  })

  expectNoConsoleErrors(sandra, jana, paul)
})
