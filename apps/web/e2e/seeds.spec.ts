/**
 * The two seed texts, step by step in the browser:
 * - seed 1: Sandra reads the news of one category, flags an odd item a
 *   contact spread into her feed, and that contact comes up in her review
 *   with that reason ("dass der Kontakt zu eigenartige Neuigkeiten verbreitet");
 * - seed 2 ("Weiterempfehlung"): Ada asks Bob to introduce her to Carl, Bob
 *   passes it on with a note, and Carl accepts with "introduced by Bob" in
 *   the verdict. Sandra and Ada use the app in German, Bob and Carl in English.
 */
import {
  call,
  connect,
  expect,
  expectNoConsoleErrors,
  signUpByApi,
  test,
  visitor,
} from "./support.js"

test("seed 1: one category's news, an odd item a contact spread, and that contact in the review", async ({
  browser,
  baseURL,
}) => {
  const url = baseURL ?? ""
  const sandra = await visitor(browser, url, "Sandra Staub", "de-DE")
  const sven = await visitor(browser, url, "Sven Streuer", "en-GB")
  const olga = await visitor(browser, url, "Olga Ohm", "en-GB")
  const tom = await visitor(browser, url, "Tom Treu", "en-GB")

  await test.step("Sven is among Sandra's customers, Tom in no category; Olga is Sven's contact", async () => {
    for (const m of [sandra, sven, olga, tom]) await signUpByApi(m)
    await connect(sven, sandra)
    await connect(tom, sandra)
    await connect(olga, sven)
    const kunden = (await call(sandra, "POST", "/v1/categories", { name: "Kunden" })) as {
      id: string
    }
    await call(sandra, "PATCH", `/v1/contacts/${sven.handle}`, { categoryIds: [kunden.id] })
    const odd = (await call(olga, "POST", "/v1/posts", { text: "Die Erde ist eine Scheibe!" })) as {
      id: string
    }
    await call(sven, "POST", `/v1/posts/${odd.id}/like`)
    await call(tom, "POST", "/v1/posts", { text: "Toms Neuigkeit aus dem Vertrieb" })
  })

  await test.step("Sandra reads only what her customers brought", async () => {
    await sandra.page.goto("/")
    await expect(sandra.page.getByRole("heading", { name: "Deine Neuigkeiten" })).toBeVisible()
    await expect(sandra.page.getByText("Toms Neuigkeit aus dem Vertrieb")).toBeVisible()
    const row = sandra.page.getByRole("navigation", { name: "Neuigkeiten nach Kategorie" })
    await row.getByRole("button", { name: "Kunden" }).click()
    await expect(row.getByRole("button", { name: "Kunden" })).toHaveAttribute(
      "aria-pressed",
      "true",
    )
    const item = sandra.page.getByRole("article", { name: "Olga Ohm" })
    await expect(item.getByText("Die Erde ist eine Scheibe!")).toBeVisible()
    await expect(item.getByText("Sven Streuer gefällt das")).toBeVisible()
    await expect(sandra.page.getByText("Toms Neuigkeit aus dem Vertrieb")).toHaveCount(0)
  })

  const told = async () => [
    await call(olga, "GET", "/v1/notifications"),
    await call(sven, "GET", "/v1/notifications"),
  ]
  let before: unknown[] = []
  await test.step("she flags it as odd news, and Sven comes up in her review for spreading it", async () => {
    before = await told()
    const item = sandra.page.getByRole("article", { name: "Olga Ohm" })
    await item.getByRole("button", { name: "Komische News" }).click()
    await expect(
      sandra.page.getByText("Als komische News markiert – nur Du weißt davon."),
    ).toBeVisible()
    await sandra.page.getByRole("link", { name: "Überprüfen" }).click()
    const card = sandra.page.getByRole("article")
    for (let i = 0; i < 3; i++) {
      await expect(card).toBeVisible()
      if ((await card.getByRole("heading").textContent()) === "Sven Streuer") break
      await card.getByRole("button", { name: "Behalten" }).click()
    }
    await expect(card.getByRole("heading", { name: "Sven Streuer" })).toBeVisible()
    await expect(
      card.getByText(
        "Ein Beitrag anderer, den Du als komisch markiert hast, kam über diesen Kontakt zu Dir.",
      ),
    ).toBeVisible()
  })

  await test.step("neither Olga nor Sven hears of it", async () => {
    expect(await told()).toEqual(before)
  })

  expectNoConsoleErrors(sandra, sven, olga, tom)
  for (const m of [sandra, sven, olga, tom]) await m.context.close()
})

test("seed 2: Ada asks Bob to introduce her to Carl; Bob passes it on; Carl accepts, introduced by Bob", async ({
  browser,
  baseURL,
}) => {
  const url = baseURL ?? ""
  const ada = await visitor(browser, url, "Ada Lovelace", "de-DE")
  const bob = await visitor(browser, url, "Bob Baker", "en-GB")
  const carl = await visitor(browser, url, "Carl Clark", "en-GB")

  await test.step("Ada and Carl both know Bob, not each other", async () => {
    for (const m of [ada, bob, carl]) await signUpByApi(m)
    await connect(ada, bob)
    await connect(bob, carl)
  })

  await test.step("Ada asks Bob, from Carl's profile, saying why", async () => {
    await ada.page.goto("/")
    await expect(ada.page.getByRole("heading", { name: "Deine Neuigkeiten" })).toBeVisible()
    await ada.page.goto(`/members/${carl.handle}`)
    await ada.page.getByRole("button", { name: "Bob Baker um eine Vorstellung bitten" }).click()
    const dialog = ada.page.getByRole("dialog", {
      name: "Bob Baker bitten, Dich Carl Clark vorzustellen",
    })
    const why = dialog.getByLabel("Warum Du Carl Clark kennenlernen möchtest")
    await expect(why).toHaveValue(/^Hallo Bob, könntest Du mich Carl Clark vorstellen\?/)
    await why.fill("Bob, stell mich bitte Carl vor – wir planen beide die Messe in Köln.")
    await dialog.getByRole("button", { name: "Bob Baker bitten" }).click()
    await expect(ada.page.getByText("Bob Baker hat Deine Bitte.")).toBeVisible()
  })

  await test.step("Bob is told, and passes it on with a note", async () => {
    await bob.page.goto("/notifications")
    await expect(bob.page.getByText("asks you for an introduction")).toBeVisible()
    await bob.page.getByRole("link", { name: "See the ask" }).click()
    const ask = bob.page.getByRole("article", {
      name: "Ada Lovelace would like to meet Carl Clark",
    })
    await expect(ask.getByText("wir planen beide die Messe in Köln")).toBeVisible()
    await ask
      .getByLabel("Your note to Carl Clark")
      .fill("Carl, Ada builds trade fair stands — talk to her.")
    await ask.getByRole("button", { name: "Introduce" }).click()
    await expect(
      bob.page.getByText("Carl Clark now has the request of Ada Lovelace."),
    ).toBeVisible()
  })

  await test.step("Carl sees who introduced Ada, in the verdict too, and accepts", async () => {
    await carl.page.goto("/inbox")
    const request = carl.page.getByRole("article", { name: "Ada Lovelace" })
    await expect(request.getByText(`Introduced to you by @${bob.handle}.`)).toBeVisible()
    await expect(request.getByText("Bob Baker introduces them")).toBeVisible()
    await expect(
      request.getByText("Carl, Ada builds trade fair stands — talk to her."),
    ).toBeVisible()
    await expect(request.getByText("Introduced by Bob Baker")).toBeVisible()
    await request.getByRole("button", { name: "Accept…" }).click()
    const dialog = carl.page.getByRole("dialog", { name: "Accept Ada Lovelace" })
    await expect(dialog.getByLabel("Why we connected (only you see this)")).toHaveValue(
      new RegExp(`^Introduced to me by @${bob.handle}\\.\\nWith: “Carl, Ada builds`),
    )
    await dialog.getByRole("button", { name: "Accept", exact: true }).click()
    await expect(carl.page.getByText("You are now connected with Ada Lovelace.")).toBeVisible()
  })

  await test.step("Ada's ask reads as passed on, and Carl is her contact", async () => {
    await ada.page.goto("/inbox?tab=introductions")
    await expect(ada.page.getByText(/Bob Baker hat sie weitergegeben/)).toBeVisible()
    await ada.page.getByRole("link", { name: "Kontakte" }).click()
    await expect(ada.page.getByRole("button", { name: /Carl Clark/ })).toBeVisible()
  })

  expectNoConsoleErrors(ada, bob, carl)
  for (const m of [ada, bob, carl]) await m.context.close()
})
