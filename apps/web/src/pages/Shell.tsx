/**
 * Every signed-in page: a skip link, the header with the navigation (with
 * counts of what waits), the language switch and signing out; the page below.
 * Someone not signed in is sent to sign in, and comes back afterwards.
 */
import { A, Navigate, type RouteSectionProps, useLocation, useNavigate } from "@solidjs/router"
import { createResource, For, Match, Show, Switch } from "solid-js"
import { api, ok } from "../api.js"
import { LOCALES, type Locale, useI18n } from "../i18n/index.js"
import { useSession } from "../session.js"
import { Avatar } from "../ui/Avatar.js"
import { settled } from "../ui/resource.js"
import { ErrorNote, Loading } from "../ui/States.js"
import { useToasts } from "../ui/Toasts.js"
import { badge, unreadBadge } from "./badges.js"

const Counts = () => {
  const location = useLocation()
  // Fetched again on every page change, so the badges follow what was just done.
  const [counts] = createResource(
    () => location.pathname,
    async () => {
      const [incoming, due, notes] = await Promise.all([
        ok(api.v1.requests.incoming.$get({ query: { state: "pending", limit: "100" } })),
        ok(api.v1.reviews.due.$get({ query: { limit: "100" } })),
        ok(api.v1.notifications.$get({ query: { limit: "1" } })),
      ])
      return {
        inbox: badge(incoming.items.length, incoming.nextCursor !== null),
        review: badge(due.items.length, false),
        unread: unreadBadge(notes.unread),
      }
    },
  )
  return counts
}

export const Shell = (props: RouteSectionProps) => {
  const { t, locale, setLocale } = useI18n()
  const session = useSession()
  const location = useLocation()
  const navigate = useNavigate()
  const toasts = useToasts()

  const switchLocale = async (next: Locale) => {
    setLocale(next)
    if (session.me() === null) return
    try {
      session.set(await ok(api.v1.me.$patch({ json: { settings: { locale: next } } })))
    } catch {
      toasts.show(t("shell.localeNotSaved"), "error")
    }
  }

  return (
    <Switch fallback={<Loading />}>
      <Match when={session.me.error}>
        <main class="page">
          <ErrorNote error={session.me.error} retry={() => session.reload()} />
        </main>
      </Match>
      <Match when={session.me() === null}>
        <Navigate href={`/login?next=${encodeURIComponent(location.pathname)}`} />
      </Match>
      <Match when={session.me()}>
        {(me) => {
          const counts = Counts()
          const links = () => [
            { href: "/", label: t("nav.home"), end: true, count: "" },
            {
              href: "/inbox",
              label: t("nav.inbox"),
              end: false,
              count: settled(counts)?.inbox ?? "",
            },
            { href: "/contacts", label: t("nav.contacts"), end: false, count: "" },
            { href: "/address-book", label: t("nav.addressBook"), end: false, count: "" },
            {
              href: "/review",
              label: t("nav.review"),
              end: false,
              count: settled(counts)?.review ?? "",
            },
            { href: "/discover", label: t("nav.discover"), end: false, count: "" },
            { href: "/network", label: t("nav.network"), end: false, count: "" },
            { href: "/categories", label: t("nav.categories"), end: false, count: "" },
            { href: "/settings", label: t("nav.settings"), end: false, count: "" },
          ]
          return (
            <>
              {/* rel="external": the browser, not the router, follows it, and focus moves to #main. */}
              <a class="skip-link" href="#main" rel="external">
                {t("shell.skip")}
              </a>
              <header class="shell-header">
                <A href="/" class="brand" aria-label={t("shell.home")}>
                  kontakt
                </A>
                <nav aria-label={t("shell.navigation")} class="shell-nav">
                  <ul>
                    <For each={links()}>
                      {(link) => (
                        <li>
                          <A href={link.href} end={link.end} activeClass="active">
                            {link.label}
                            <Show when={link.count !== ""}>
                              <span class="badge">
                                <span class="visually-hidden">{t("shell.waiting")} </span>
                                {link.count}
                              </span>
                            </Show>
                          </A>
                        </li>
                      )}
                    </For>
                  </ul>
                </nav>
                <div class="shell-tools">
                  <A href="/notifications" class="bell" activeClass="active">
                    {t("nav.notifications")}
                    <Show when={(settled(counts)?.unread ?? "") !== ""}>
                      <span class="badge">
                        <span class="visually-hidden">{t("shell.unread")} </span>
                        {settled(counts)?.unread}
                      </span>
                    </Show>
                  </A>
                  <label class="visually-hidden" for="locale">
                    {t("shell.language")}
                  </label>
                  <select
                    id="locale"
                    value={locale()}
                    onChange={(e) => void switchLocale(e.currentTarget.value as Locale)}
                  >
                    <For each={LOCALES}>
                      {(l) => <option value={l}>{t(`shell.locale.${l}`)}</option>}
                    </For>
                  </select>
                  <A
                    href="/settings"
                    class="me-link"
                    aria-label={t("shell.settingsFor", { name: me().displayName })}
                  >
                    <Avatar member={me()} size="s" />
                  </A>
                  <button
                    type="button"
                    class="button button-quiet"
                    onClick={async () => {
                      await session.signOut()
                      navigate("/login")
                    }}
                  >
                    {t("shell.signOut")}
                  </button>
                </div>
              </header>
              <main id="main" class="page" tabIndex={-1}>
                {props.children}
              </main>
            </>
          )
        }}
      </Match>
    </Switch>
  )
}
