/**
 * The operator's policy: `KONTAKT_POLICY` holds a JSON object of the domain
 * policy's numbers to change (every limit and cadence is configurable), e.g.
 * `{"weeklyRequestLimit": 50, "firstReviewAfterDays": 30}`. Unknown names and
 * anything but finite, non-negative numbers stop the start with a message.
 */
import { defaultPolicy, makePolicy, type Policy } from "@kontakt/domain"

export const policyFromEnv = (value: string | undefined): Policy => {
  if (value === undefined || value.trim() === "") return defaultPolicy
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    throw new Error('KONTAKT_POLICY must be a JSON object, e.g. {"weeklyRequestLimit": 50}')
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new Error('KONTAKT_POLICY must be a JSON object, e.g. {"weeklyRequestLimit": 50}')
  const unknown = Object.keys(parsed).filter((k) => !(k in defaultPolicy))
  if (unknown.length > 0)
    throw new Error(
      `KONTAKT_POLICY: unknown ${unknown.join(", ")}; known: ${Object.keys(defaultPolicy).join(", ")}`,
    )
  return makePolicy(parsed as Partial<Policy>)
}
