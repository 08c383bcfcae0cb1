import { describe, expect, it } from "vitest"
import {
  type Category,
  CategoryInput,
  CategoryPatch,
  changeCategory,
  createCategory,
  defaultPolicy,
  deleteCategory,
  makePolicy,
} from "../src/index.js"
import { err, ok, T0 } from "./support/fixtures.js"

const ctx = (id = "c-new") => ({ owner: "bob", id, now: T0, policy: defaultPolicy })
const kunden: Category = {
  id: "c1",
  owner: "bob",
  name: "Kunden",
  reviewEveryDays: null,
  lessNews: false,
  createdAt: T0,
}
const gruppe: Category = {
  id: "c2",
  owner: "bob",
  name: "Gruppe K.",
  reviewEveryDays: 90,
  lessNews: false,
  createdAt: T0,
}

describe("createCategory", () => {
  it("creates a category with an optional cadence", () => {
    const { state, events } = ok(
      createCategory([kunden], { name: "Presse", reviewEveryDays: 30 }, ctx()),
    )
    expect(state).toMatchObject({ id: "c-new", owner: "bob", name: "Presse", reviewEveryDays: 30 })
    expect(events.map((e) => e._tag)).toEqual(["CategoryCreated"])
    expect(ok(createCategory([], { name: "Ohne" }, ctx())).state.reviewEveryDays).toBeNull()
  })

  it("names are unique per owner, ignoring case", () => {
    expect(err(createCategory([kunden], { name: "KUNDEN" }, ctx()))).toMatchObject({
      _tag: "CategoryNameTaken",
    })
    expect(err(createCategory([kunden], { name: "kunden" }, ctx()))._tag).toBe("CategoryNameTaken")
  })

  it("at most 100 per member", () => {
    const many = Array.from(
      { length: 100 },
      (_, i): Category => ({ ...kunden, id: `c${i}`, name: `K${i}` }),
    )
    expect(err(createCategory(many, { name: "One more" }, ctx()))).toMatchObject({
      _tag: "CategoryLimitReached",
      limit: 100,
    })
    const policy = makePolicy({ maxCategoriesPerMember: 1 })
    expect(err(createCategory([kunden], { name: "Zwei" }, { ...ctx(), policy }))._tag).toBe(
      "CategoryLimitReached",
    )
  })

  it("the input schema bounds names at 64 characters and cadences at 7..1095 days", () => {
    expect(CategoryInput.safeParse({ name: "x".repeat(64) }).success).toBe(true)
    expect(CategoryInput.safeParse({ name: "x".repeat(65) }).success).toBe(false)
    expect(CategoryInput.safeParse({ name: "   " }).success).toBe(false)
    expect(CategoryInput.safeParse({ name: "a\u0000b" }).success).toBe(false)
    expect(CategoryInput.safeParse({ name: "ok", reviewEveryDays: 6 }).success).toBe(false)
    expect(CategoryInput.safeParse({ name: "ok", reviewEveryDays: null }).success).toBe(true)
    expect(CategoryPatch.safeParse({}).success).toBe(true)
  })
})

describe("changeCategory", () => {
  it("renames and changes the cadence", () => {
    const { state, events } = ok(
      changeCategory(
        [kunden, gruppe],
        "c1",
        { name: "Kundinnen", reviewEveryDays: 60 },
        { now: T0 },
      ),
    )
    expect(state).toMatchObject({ id: "c1", name: "Kundinnen", reviewEveryDays: 60 })
    expect(events.map((e) => e._tag)).toEqual(["CategoryChanged"])
  })

  it("may change its own name's case, but not take another's name", () => {
    expect(
      ok(changeCategory([kunden, gruppe], "c1", { name: "KUNDEN" }, { now: T0 })).state.name,
    ).toBe("KUNDEN")
    expect(
      err(changeCategory([kunden, gruppe], "c1", { name: "gruppe k." }, { now: T0 }))._tag,
    ).toBe("CategoryNameTaken")
  })

  it("an unknown id is CategoryNotFound", () => {
    expect(err(changeCategory([kunden], "c9", { name: "x" }, { now: T0 }))._tag).toBe(
      "CategoryNotFound",
    )
  })
})

describe("deleteCategory", () => {
  it("deletes one's own, refuses others", () => {
    expect(ok(deleteCategory([kunden], "c1", { now: T0 })).events.map((e) => e._tag)).toEqual([
      "CategoryDeleted",
    ])
    expect(err(deleteCategory([kunden], "c2", { now: T0 }))._tag).toBe("CategoryNotFound")
  })
})
