/**
 * Categories: a member's own labels for their contacts (XING's
 * "Kontaktkategorien", Facebook's lists), each optionally with its own review
 * cadence. Names are unique per owner, compared case-insensitively.
 *
 * @module
 */
import { Either } from "effect"
import { z } from "zod"
import { CategoryLimitReached, CategoryNameTaken, CategoryNotFound } from "./Errors.js"
import { DomainEvent } from "./Events.js"
import type { MemberId } from "./Ids.js"
import { defaultPolicy, type Policy } from "./Policy.js"
import { singleLine } from "./Text.js"
import type { Transition } from "./Transition.js"

/** A category as stored. `reviewEveryDays: null` means the member's own cadence applies. */
export interface Category {
  readonly id: string
  readonly owner: MemberId
  readonly name: string
  readonly reviewEveryDays: number | null
  /**
   * "Less from this category": the owner wants less news from its contacts.
   * The review reads it (a quiet contact in such a category is advised muted).
   */
  readonly lessNews: boolean
  readonly createdAt: Date
}

/** The category name for a policy: trimmed, 1..`categoryNameMaxLength`, no control characters. */
export const categoryNameSchema = (policy: Policy) => singleLine(1, policy.categoryNameMaxLength)
/** A category name under the default policy. */
export const CategoryName = categoryNameSchema(defaultPolicy)

/** A review cadence in days, one week to three years; `null` clears it. */
export const ReviewCadence = z.number().int().min(7).max(1_095).nullable()

/**
 * The body of "create a category" for a policy.
 *
 * @example
 * ```ts
 * categoryInputSchema(defaultPolicy).parse({ name: "Gruppe K.", reviewEveryDays: 90 })
 * ```
 */
export const categoryInputSchema = (policy: Policy) =>
  z
    .object({
      name: categoryNameSchema(policy),
      reviewEveryDays: ReviewCadence.optional(),
      lessNews: z.boolean().optional(),
    })
    .strict()
/** "Create a category" under the default policy. */
export const CategoryInput = categoryInputSchema(defaultPolicy)
/** @see {@link CategoryInput} */
export type CategoryInput = z.infer<typeof CategoryInput>

/** The body of "change a category": any of its fields. */
export const CategoryPatch = CategoryInput.partial()
/** @see {@link CategoryPatch} */
export type CategoryPatch = z.infer<typeof CategoryPatch>

/**
 * The form in which names are compared: Unicode-normalised and case-folded,
 * so "Kunden", "KUNDEN" and "kunden" are one name.
 *
 * @example
 * ```ts
 * categoryKey("Straße") === categoryKey("STRASSE") // false: only case folds, not spelling
 * ```
 */
export const categoryKey = (name: string): string => name.normalize("NFC").toLocaleLowerCase("und")

const nameTaken = (existing: readonly Category[], name: string, exceptId: string | null) =>
  existing.some((c) => c.id !== exceptId && categoryKey(c.name) === categoryKey(name))

/**
 * Creates a category among the owner's existing ones.
 *
 * @example
 * ```ts
 * createCategory(mine, { name: "Kunden" }, { owner: "a", id: "c1", now, policy: defaultPolicy })
 * ```
 */
export const createCategory = (
  existing: readonly Category[],
  input: CategoryInput,
  context: {
    readonly owner: MemberId
    readonly id: string
    readonly now: Date
    readonly policy: Policy
  },
): Transition<Category> => {
  if (existing.length >= context.policy.maxCategoriesPerMember) {
    return Either.left(new CategoryLimitReached({ limit: context.policy.maxCategoriesPerMember }))
  }
  if (nameTaken(existing, input.name, null)) {
    return Either.left(new CategoryNameTaken({ name: input.name }))
  }
  const category: Category = {
    id: context.id,
    owner: context.owner,
    name: input.name,
    reviewEveryDays: input.reviewEveryDays ?? null,
    lessNews: input.lessNews ?? false,
    createdAt: context.now,
  }
  return Either.right({
    state: category,
    events: [
      DomainEvent.CategoryCreated({
        owner: context.owner,
        categoryId: context.id,
        at: context.now,
      }),
    ],
  })
}

const findOwned = (
  existing: readonly Category[],
  id: string,
): Either.Either<Category, CategoryNotFound> => {
  const found = existing.find((c) => c.id === id)
  return found === undefined
    ? Either.left(new CategoryNotFound({ categoryId: id }))
    : Either.right(found)
}

/**
 * Renames a category or changes its cadence. `existing` are the owner's
 * categories; an id not among them is `CategoryNotFound`.
 *
 * @example
 * ```ts
 * changeCategory(mine, "c1", { reviewEveryDays: 30 }, { now })
 * ```
 */
export const changeCategory = (
  existing: readonly Category[],
  id: string,
  patch: CategoryPatch,
  context: { readonly now: Date },
): Transition<Category> =>
  Either.flatMap(findOwned(existing, id), (category) => {
    if (patch.name !== undefined && nameTaken(existing, patch.name, id)) {
      return Either.left(new CategoryNameTaken({ name: patch.name }))
    }
    const next: Category = {
      ...category,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.reviewEveryDays !== undefined ? { reviewEveryDays: patch.reviewEveryDays } : {}),
      ...(patch.lessNews !== undefined ? { lessNews: patch.lessNews } : {}),
    }
    return Either.right({
      state: next,
      events: [
        DomainEvent.CategoryChanged({ owner: category.owner, categoryId: id, at: context.now }),
      ],
    })
  })

/**
 * Deletes a category; contacts keep their other categories.
 *
 * @example
 * ```ts
 * deleteCategory(mine, "c1", { now })
 * ```
 */
export const deleteCategory = (
  existing: readonly Category[],
  id: string,
  context: { readonly now: Date },
): Transition<null> =>
  Either.map(findOwned(existing, id), (category) => ({
    state: null,
    events: [
      DomainEvent.CategoryDeleted({ owner: category.owner, categoryId: id, at: context.now }),
    ],
  }))

/**
 * Checks that every category id is one of the owner's.
 *
 * @example
 * ```ts
 * requireOwnedCategories(["c1"], new Set(["c1", "c2"])) // Right
 * ```
 */
export const requireOwnedCategories = (
  ids: readonly string[],
  owned: ReadonlySet<string>,
): Either.Either<readonly string[], CategoryNotFound> => {
  const foreign = ids.find((id) => !owned.has(id))
  return foreign === undefined
    ? Either.right(ids)
    : Either.left(new CategoryNotFound({ categoryId: foreign }))
}
