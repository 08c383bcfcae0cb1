/**
 * The realistic mix: 70% reads (feed, contacts, inbox, a member's profile
 * with mutual contacts and path), 30% writes (request, accept, post, like),
 * each as a random member. Returns what to send and how to read the answer.
 */
import type { World } from "./world.js"

export const ROUTES = [
  { name: "GET /v1/feed", weight: 25 },
  { name: "GET /v1/contacts", weight: 20 },
  { name: "GET /v1/requests/incoming", weight: 15 },
  { name: "GET /v1/members/{handle}", weight: 10 },
  { name: "POST /v1/requests", weight: 10 },
  { name: "POST /v1/requests/{id}/accept", weight: 7 },
  { name: "POST /v1/posts", weight: 6 },
  { name: "POST /v1/posts/{id}/like", weight: 7 },
] as const
export type Route = (typeof ROUTES)[number]["name"]

export interface Operation {
  readonly route: Route
  readonly method: "GET" | "POST"
  readonly path: string
  readonly body: string | null
  readonly actor: string
  /** Called with the status and body of a successful answer (2xx). */
  readonly acknowledged?: (body: string) => void
}

/** What the clients have been told succeeded: the soak test checks each one afterwards. */
export interface Acknowledged {
  readonly posts: Set<string>
  readonly requests: Set<string>
  readonly accepted: Set<string>
  readonly likes: Set<string>
}

export const emptyAcknowledged = (): Acknowledged => ({
  posts: new Set(),
  requests: new Set(),
  accepted: new Set(),
  likes: new Set(),
})

const total = ROUTES.reduce((n, r) => n + r.weight, 0)

export const makeMix = (world: World, random: () => number, acks: Acknowledged) => {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T
  const member = () => pick(world.handles)
  return (): Operation => {
    let roll = random() * total
    let route: Route = ROUTES[0].name
    for (const r of ROUTES) {
      roll -= r.weight
      if (roll < 0) {
        route = r.name
        break
      }
    }
    const actor = member()
    switch (route) {
      case "GET /v1/feed":
        return { route, method: "GET", path: "/v1/feed?limit=20", body: null, actor }
      case "GET /v1/contacts":
        return { route, method: "GET", path: "/v1/contacts?sort=name&limit=20", body: null, actor }
      case "GET /v1/requests/incoming":
        return {
          route,
          method: "GET",
          path: "/v1/requests/incoming?state=pending",
          body: null,
          actor,
        }
      case "GET /v1/members/{handle}":
        return { route, method: "GET", path: `/v1/members/${member()}`, body: null, actor }
      case "POST /v1/requests": {
        const to = member()
        return {
          route,
          method: "POST",
          path: "/v1/requests",
          body: JSON.stringify({ to, message: "Hallo, lass uns vernetzen!" }),
          actor,
          acknowledged: (body) => {
            const sent = JSON.parse(body) as { request?: { id: string } }
            if (sent.request !== undefined) acks.requests.add(sent.request.id)
          },
        }
      }
      case "POST /v1/requests/{id}/accept": {
        // An actor with a request waiting; the seeded ones first, then any.
        for (let tries = 0; tries < 20; tries++) {
          const to = member()
          const id = world.incoming.get(to)?.pop()
          if (id !== undefined)
            return {
              route,
              method: "POST",
              path: `/v1/requests/${id}/accept`,
              body: "{}",
              actor: to,
              acknowledged: () => acks.accepted.add(id),
            }
        }
        return {
          route: "GET /v1/requests/incoming",
          method: "GET",
          path: "/v1/requests/incoming",
          body: null,
          actor,
        }
      }
      case "POST /v1/posts":
        return {
          route,
          method: "POST",
          path: "/v1/posts",
          body: JSON.stringify({ text: "Neuer Beitrag über Weiterempfehlungen" }),
          actor,
          acknowledged: (body) => {
            const post = JSON.parse(body) as { id: string }
            acks.posts.add(post.id)
            world.posts.push({ id: post.id, author: actor })
          },
        }
      case "POST /v1/posts/{id}/like": {
        // A post delivered to the liker: one by a contact of theirs (anyone else gets 404).
        const { id: post, author } = pick(world.posts)
        const fans = world.contactsOf.get(author) ?? []
        const liker = fans.length > 0 ? pick(fans) : author
        return {
          route,
          method: "POST",
          path: `/v1/posts/${post}/like`,
          body: null,
          actor: liker,
          acknowledged: () => acks.likes.add(`${post}|${liker}`),
        }
      }
    }
  }
}

/** The headers of an operation: the actor's session, and our Origin on writes. */
export const headersFor = (
  world: World,
  op: Operation,
  origin: string,
): Record<string, string> => ({
  cookie: `kontakt_session=${world.secrets.get(op.actor) ?? ""}`,
  ...(op.method === "GET" ? {} : { origin, "content-type": "application/json" }),
})
