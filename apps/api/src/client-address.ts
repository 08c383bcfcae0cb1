/**
 * Whose request this is, for throttling per address. By default the
 * socket's peer. Behind a reverse proxy every request comes from the proxy,
 * so `TRUST_PROXY` names the proxies (addresses, or `loopback`): when the
 * peer is one of them, the client is the last address in `X-Forwarded-For`
 * that is not a trusted proxy itself. A header from anyone else is ignored —
 * otherwise every client could name its own address and escape the throttle.
 */

/** The trusted proxies, from `TRUST_PROXY` ("", "loopback", "10.0.0.2, 10.0.0.3"). */
export interface TrustedProxies {
  readonly has: (address: string) => boolean
}

const normalize = (address: string) => {
  const a = address.trim().toLowerCase()
  // An IPv4 peer on a dual-stack socket: ::ffff:10.0.0.2.
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice("::ffff:".length) : a
}

const isLoopback = (address: string) => address === "::1" || /^127\.\d+\.\d+\.\d+$/.test(address)

/** Parses `TRUST_PROXY`; throws on an entry that is not an address. */
export const trustedProxies = (setting: string | undefined): TrustedProxies => {
  const entries = (setting ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "")
  const exact = new Set<string>()
  let loopback = false
  for (const e of entries) {
    if (e === "loopback") loopback = true
    else if (/^[0-9a-f:.]+$/i.test(e) && (e.includes(".") || e.includes(":")))
      exact.add(normalize(e))
    else throw new Error(`TRUST_PROXY: "${e}" is neither an IP address nor "loopback"`)
  }
  return {
    has: (address) => {
      const a = normalize(address)
      return exact.has(a) || (loopback && isLoopback(a))
    },
  }
}

/** The client's address: the peer, or for a trusted proxy what it forwarded. */
export const clientAddress = (
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string => {
  const socket = normalize(peer ?? "unknown")
  if (!trusted.has(socket) || forwardedFor === undefined) return socket
  const hops = forwardedFor
    .split(",")
    .map(normalize)
    .filter((h) => h !== "")
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string
    if (!trusted.has(hop)) return hop
  }
  return hops[0] ?? socket
}
