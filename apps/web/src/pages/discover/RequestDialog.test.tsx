import { fireEvent, screen, waitFor } from "@solidjs/testing-library"
import { describe, expect, it, vi } from "vitest"
import { fakeServer, json, problem, renderWith } from "../../test-support.js"
import { RequestDialog } from "./RequestDialog.js"

const sandra = { handle: "sandra", displayName: "Sandra Staub" }

describe("the request dialog", () => {
  it("pre-writes the note from how I found them, and counts it live up to 300", async () => {
    fakeServer({})
    renderWith(
      () => (
        <RequestDialog
          open
          to={sandra}
          foundVia={{ kind: "group", groupId: "g1", groupName: "K." }}
          onClose={() => {}}
          onSent={() => {}}
        />
      ),
      { locale: "de" },
    )
    const box = (await screen.findByLabelText(
      "Warum Du Dich vernetzen möchtest",
    )) as HTMLTextAreaElement
    expect(box.value).toBe(
      "Hallo Sandra, habe Dich in der Gruppe K. gefunden und würde mich gerne mit Dir vernetzen. ",
    )
    expect(screen.getByText(`${box.value.trim().length} / 300`)).toBeTruthy()
    fireEvent.input(box, { target: { value: "x".repeat(301) } })
    expect(screen.getByText("301 / 300")).toBeTruthy()
    expect(screen.getByText("Höchstens 300 Zeichen.")).toBeTruthy()
  })

  it("sends the message and how I found them; a crossing request connects at once", async () => {
    const calls = fakeServer({
      "POST /v1/requests": () => json({ contact: { member: sandra } }, 200),
    })
    const onSent = vi.fn()
    renderWith(() => (
      <RequestDialog
        open
        to={sandra}
        foundVia={{ kind: "suggestion", mutual: 3 }}
        onClose={() => {}}
        onSent={onSent}
      />
    ))
    const box = (await screen.findByLabelText(
      "Why you would like to connect",
    )) as HTMLTextAreaElement
    expect(box.value).toContain("we have 3 contacts in common")
    fireEvent.click(screen.getByRole("button", { name: "Send request" }))
    await waitFor(() => expect(onSent).toHaveBeenCalledWith(true))
    const sent = calls.find((c) => c.method === "POST")
    expect(sent?.body).toEqual({
      to: "sandra",
      message: box.value.trim(),
      foundVia: { kind: "suggestion" },
    })
    expect(await screen.findByText("You are now connected with Sandra Staub.")).toBeTruthy()
  })

  it("a request from one of their posts says so, in the draft and in what it sends", async () => {
    const calls = fakeServer({
      "POST /v1/requests": () => json({ request: { id: "r1" } }, 201),
    })
    const onSent = vi.fn()
    renderWith(() => (
      <RequestDialog
        open
        to={sandra}
        foundVia={{ kind: "post", postId: "p9" }}
        onClose={() => {}}
        onSent={onSent}
      />
    ))
    const box = (await screen.findByLabelText(
      "Why you would like to connect",
    )) as HTMLTextAreaElement
    expect(box.value).toContain("your post caught my attention")
    fireEvent.click(screen.getByRole("button", { name: "Send request" }))
    await waitFor(() => expect(onSent).toHaveBeenCalledWith(false))
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      to: "sandra",
      message: box.value.trim(),
      foundVia: { kind: "post", postId: "p9" },
    })
  })

  it("explains a refusal in the reader's words, with when to try again", async () => {
    fakeServer({
      "POST /v1/requests": () => {
        const res = problem(429, "CooldownActive")
        res.headers.set("Retry-After", String(3 * 86_400))
        return res
      },
    })
    renderWith(() => (
      <RequestDialog
        open
        to={sandra}
        foundVia={{ kind: "search" }}
        onClose={() => {}}
        onSent={() => {}}
      />
    ))
    fireEvent.click(await screen.findByRole("button", { name: "Send request" }))
    const alert = await screen.findByRole("alert")
    expect(alert.textContent).toContain("You withdrew a request to this member recently")
    expect(alert.textContent).toContain("Possible again from")
  })
})
