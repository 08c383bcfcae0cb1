import { fireEvent, screen, waitFor } from "@solidjs/testing-library"
import { describe, expect, it, vi } from "vitest"
import { fakeServer, json, ME, renderWith } from "../../test-support.js"
import { Composer } from "./Composer.js"

describe("the composer", () => {
  it("refuses an empty post and a link that is not http(s), without calling the server", async () => {
    const calls = fakeServer({})
    renderWith(() => <Composer onPosted={() => {}} />)
    fireEvent.click(await screen.findByRole("button", { name: "Post" }))
    expect((await screen.findByRole("alert")).textContent).toBe("Write something first.")
    fireEvent.input(screen.getByLabelText("Share something with your contacts"), {
      target: { value: "Hallo" },
    })
    fireEvent.input(screen.getByLabelText("Link (optional)"), {
      target: { value: "javascript:alert(1)" },
    })
    fireEvent.click(screen.getByRole("button", { name: "Post" }))
    expect((await screen.findByRole("alert")).textContent).toBe(
      "A link starts with http:// or https://.",
    )
    expect(calls.filter((c) => c.method === "POST")).toEqual([])
  })

  it("posts text and link, puts the post on top and empties itself", async () => {
    const post = {
      id: "p9",
      author: ME,
      text: "Neuer Artikel",
      link: "https://example.org/a",
      createdAt: "2026-11-23T10:00:00.000Z",
      likes: 0,
      comments: 0,
      likedByMe: false,
      flaggedByMe: false,
    }
    const calls = fakeServer({ "POST /v1/posts": () => json(post, 201) })
    const onPosted = vi.fn()
    renderWith(() => <Composer onPosted={onPosted} />)
    const text = (await screen.findByLabelText(
      "Share something with your contacts",
    )) as HTMLTextAreaElement
    fireEvent.input(text, { target: { value: "Neuer Artikel" } })
    fireEvent.input(screen.getByLabelText("Link (optional)"), {
      target: { value: "https://example.org/a" },
    })
    fireEvent.click(screen.getByRole("button", { name: "Post" }))
    await waitFor(() => expect(onPosted).toHaveBeenCalled())
    expect(onPosted.mock.calls[0]?.[0]).toMatchObject({
      key: "post:p9",
      post,
      broughtBy: [{ reason: "posted" }],
    })
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      text: "Neuer Artikel",
      link: "https://example.org/a",
    })
    expect(text.value).toBe("")
  })
})
