import type { Resource } from "solid-js"

/**
 * A resource's value without throwing its error: for places outside an error
 * boundary (a badge, a filter's options), which show nothing rather than fail
 * the page. Read through `latest`, so that a refetch never suspends the page
 * around it (which would take a dialog's focus away while it reloads).
 */
export const settled = <T>(resource: Resource<T>): T | undefined =>
  resource.state === "ready" || resource.state === "refreshing" ? resource.latest : undefined
