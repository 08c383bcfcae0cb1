import { fireEvent, screen } from "@solidjs/testing-library"
import { describe, expect, it } from "vitest"
import { fakeServer, problem, renderWith } from "../../test-support.js"
import { AccountSection } from "./AccountSection.js"

describe("deleting my account", () => {
  it("says the password is not right when the server refuses it, and stays", async () => {
    const calls = fakeServer({
      "DELETE /v1/me": () => problem(403, "InvalidCredentials", "Deleting the account needs …"),
    })
    renderWith(() => <AccountSection />)
    fireEvent.click(await screen.findByRole("button", { name: "Delete my account…" }))
    fireEvent.input(await screen.findByLabelText("Password"), {
      target: { value: "not my password" },
    })
    fireEvent.click(screen.getByRole("button", { name: "Delete for good" }))
    expect(await screen.findByText("The password is not right.")).toBeTruthy()
    expect(calls.filter((c) => c.method === "DELETE")).toEqual([
      { method: "DELETE", path: "/v1/me", body: { password: "not my password" } },
    ])
  })
})
