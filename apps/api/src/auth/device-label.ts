/**
 * A session's device as its member would name it — "Firefox 133 · Windows 10",
 * "Safari 18 · iOS 18.1 (mobile)" — read from the user agent it signed in with
 * (bowser, MIT). Null when the user agent names nothing known.
 */
import Bowser from "bowser"

const major = (version: string | undefined) => version?.split(".")[0] ?? ""
const LABELLED_PLATFORMS = new Set(["mobile", "tablet", "tv"])

export const deviceLabel = (userAgent: string): string | null => {
  if (userAgent.trim() === "") return null
  const { browser, os, platform } = Bowser.parse(userAgent)
  const client = [browser.name, major(browser.version)].filter((p) => p).join(" ")
  const system = [os.name, os.versionName ?? os.version].filter((p) => p).join(" ")
  const kind =
    platform.type !== undefined && LABELLED_PLATFORMS.has(platform.type)
      ? ` (${platform.type})`
      : ""
  const label = [client, system].filter((p) => p !== "").join(" · ")
  return label === "" ? null : label + kind
}
