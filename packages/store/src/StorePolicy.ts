/**
 * The domain policy the store applies (limits, cadences). Tests and
 * embedders may provide their own.
 */
import { defaultPolicy, type Policy } from "@kontakt/domain"
import { Context, Layer } from "effect"

export class StorePolicy extends Context.Tag("@kontakt/store/StorePolicy")<
  StorePolicy,
  { readonly policy: Policy }
>() {}

export const StorePolicyDefault = Layer.succeed(StorePolicy, { policy: defaultPolicy })
export const storePolicy = (policy: Policy) => Layer.succeed(StorePolicy, { policy })
