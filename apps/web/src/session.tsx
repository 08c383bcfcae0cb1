/**
 * Who is signed in: the member from GET /v1/me, or null. Pages read it; sign
 * in, sign up and sign out change it.
 */
import { createContext, createResource, type JSX, type Resource, useContext } from "solid-js"
import { api, ok } from "./api.js"

export type Me = NonNullable<Awaited<ReturnType<typeof loadMe>>>

// Answers 200 either way: a signed-out visit is not an error.
const loadMe = async () => (await ok(api.v1.auth.session.$get())).member

const makeSession = () => {
  const [me, { mutate, refetch }] = createResource(loadMe)
  return {
    me: me as Resource<Me | null>,
    /** Replaces the member after a change the server confirmed. */
    set: (next: Me | null) => mutate(next),
    reload: () => refetch(),
    signOut: async () => {
      await ok(api.v1.auth.logout.$post())
      mutate(null)
    },
  }
}

export type Session = ReturnType<typeof makeSession>
const SessionContext = createContext<Session>()

export const SessionProvider = (props: { children: JSX.Element }) => (
  <SessionContext.Provider value={makeSession()}>{props.children}</SessionContext.Provider>
)

export const useSession = (): Session => {
  const value = useContext(SessionContext)
  if (value === undefined) throw new Error("useSession outside SessionProvider")
  return value
}
