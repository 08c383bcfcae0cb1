/**
 * How a link in a post is shown: its host as the browser resolves it, in
 * ASCII (an IDN host as punycode: `xn--pypal-4ve.example`, not a look-alike
 * of `paypal.example` in Cyrillic letters), the rest as written.
 */
export const displayLink = (link: string): string => {
  if (!URL.canParse(link)) return link
  const url = new URL(link)
  const rest = `${url.pathname === "/" && !link.endsWith("/") ? "" : url.pathname}${url.search}${url.hash}`
  let readable = rest
  try {
    readable = decodeURI(rest)
  } catch {
    // Not valid percent-encoding: shown encoded.
  }
  return `${url.protocol}//${url.host}${readable}`
}
