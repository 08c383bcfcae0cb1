import * as fc from "fast-check"
import type { AcceptancePolicy } from "../../src/index.js"

/** Any acceptance policy; `maxMutual` bounds the "at least k mutual contacts" rule. */
export const acceptancePolicyArb = (maxMutual: number): fc.Arbitrary<AcceptancePolicy> =>
  fc.oneof(
    fc.constant<AcceptancePolicy>({ mode: "manual" }),
    fc.constant<AcceptancePolicy>({ mode: "acceptAll" }),
    fc.record({
      mode: fc.constant("criteria" as const),
      autoAccept: fc.boolean(),
      rules: fc.record({
        photo: fc.boolean(),
        sharedGroup: fc.boolean(),
        message: fc.boolean(),
        minMutualContacts: fc.integer({ min: 0, max: maxMutual }),
        openToNetworking: fc.boolean(),
        introducedByContact: fc.boolean(),
      }),
    }),
  )
