import { describe, expect, it } from "vitest"
import { clientAddress, trustedProxies } from "./client-address.js"

describe("the client's address for throttling", () => {
  const none = trustedProxies(undefined)
  const proxy = trustedProxies("10.0.0.2, loopback")

  it("is the socket's peer unless the peer is a trusted proxy; a header from anyone else is ignored", () => {
    expect(clientAddress("198.51.100.7", "203.0.113.1", none)).toBe("198.51.100.7")
    expect(clientAddress("127.0.0.1", "203.0.113.1", none)).toBe("127.0.0.1")
    expect(clientAddress("198.51.100.7", "203.0.113.1", proxy)).toBe("198.51.100.7")
    expect(clientAddress(undefined, "203.0.113.1", none)).toBe("unknown")
  })

  it("behind trusted proxies: the last forwarded address that is not one of them", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.1", proxy)).toBe("203.0.113.1")
    // A client that forges hops before the proxy's own entry gains nothing.
    expect(clientAddress("10.0.0.2", "1.2.3.4, 203.0.113.1", proxy)).toBe("203.0.113.1")
    // Through two trusted proxies.
    expect(clientAddress("127.0.0.1", "203.0.113.1, 10.0.0.2", proxy)).toBe("203.0.113.1")
    expect(clientAddress("::ffff:127.0.0.1", " 203.0.113.5 ", proxy)).toBe("203.0.113.5")
    expect(clientAddress("::1", "2001:DB8::1", proxy)).toBe("2001:db8::1")
    // No header: the proxy itself.
    expect(clientAddress("10.0.0.2", undefined, proxy)).toBe("10.0.0.2")
  })

  it("refuses a TRUST_PROXY entry that is not an address", () => {
    expect(() => trustedProxies("example.org")).toThrow(/TRUST_PROXY/)
    expect(() => trustedProxies("10.0.0.0/8")).toThrow(/TRUST_PROXY/)
    expect(trustedProxies(" ").has("127.0.0.1")).toBe(false)
  })
})
