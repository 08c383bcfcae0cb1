/**
 * A member's profile: who they are, how we are related, the contacts we
 * share, the chain that leads to them; ask to connect, ask a contact on the
 * way to introduce me, recommend them to my contacts, or block (silently).
 */
import { A, useNavigate, useParams, useSearchParams } from "@solidjs/router"
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { useSession } from "../../session.js"
import { Avatar } from "../../ui/Avatar.js"
import { Dialog } from "../../ui/Dialog.js"
import { MemberLine } from "../../ui/MemberLine.js"
import { Async, useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"
import { IntroduceDialog } from "./IntroduceDialog.js"
import { PathChain } from "./PathChain.js"
import { RecommendDialog } from "./RecommendDialog.js"
import { RequestDialog } from "./RequestDialog.js"
import { Wall } from "./Wall.js"

const load = (handle: string) => ok(api.v1.members[":handle"].$get({ param: { handle } }))

export const Profile = () => {
  const { t } = useI18n()
  const params = useParams()
  // Come from one of their posts (the feed links the author with ?post=): the request says so.
  const [query] = useSearchParams()
  const fromPost = () => (typeof query["post"] === "string" ? query["post"] : null)
  const session = useSession()
  const navigate = useNavigate()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [profile, { mutate, refetch }] = createResource(() => params["handle"] ?? "", load)
  const [asking, setAsking] = createSignal(false)
  const [blocking, setBlocking] = createSignal(false)
  const [recommending, setRecommending] = createSignal(false)
  type Named = { readonly handle: string; readonly displayName: string }
  /** Whom I ask to introduce me, and to whom. */
  const [introducing, setIntroducing] = createSignal<{ via: Named; to: Named } | null>(null)
  const isMe = () => profile()?.handle === session.me()?.handle

  const block = async () => {
    setBlocking(false)
    const p = profile()
    if (p === undefined) return
    try {
      await ok(api.v1.members[":handle"].block.$post({ param: { handle: p.handle } }))
      toasts.show(t("profile.blocked", { name: p.displayName }))
      navigate("/discover")
    } catch (e) {
      toasts.show(errorText(e), "error")
    }
  }

  return (
    <Async retry={() => void refetch()}>
      <Show when={profile()}>
        {(p) => {
          const via = () => p().path.path.at(-2)
          return (
            <section class="profile">
              <header class="profile-head">
                <Avatar member={p()} size="l" />
                <div>
                  <h1>{p().displayName}</h1>
                  <p class="muted">@{p().handle}</p>
                  <p class="lead">{p().headline}</p>
                  <Show when={p().openToNetworking}>
                    <p class="tag">{t("profile.open")}</p>
                  </Show>
                </div>
              </header>
              <Show when={p().bio !== ""}>
                <p class="bio">{p().bio}</p>
              </Show>
              <Show when={!isMe()}>
                <div class="actions">
                  <Switch>
                    <Match when={p().relationship === "none"}>
                      <button
                        type="button"
                        class="button button-primary"
                        onClick={() => setAsking(true)}
                      >
                        {t("discover.connect")}
                      </button>
                    </Match>
                    <Match when={p().relationship === "requestSent"}>
                      <A href="/inbox?tab=sent">{t("discover.requestSent")}</A>
                    </Match>
                    <Match when={p().relationship === "requestReceived"}>
                      <A href="/inbox">{t("discover.requestReceived")}</A>
                    </Match>
                    <Match when={p().relationship === "contact"}>
                      <A href={`/contacts?open=${p().handle}`}>{t("discover.isContact")}</A>
                    </Match>
                  </Switch>
                  <button type="button" class="button" onClick={() => setRecommending(true)}>
                    {t("recommend.button")}
                  </button>
                  <button
                    type="button"
                    class="button button-quiet"
                    onClick={() => setBlocking(true)}
                  >
                    {t("profile.block")}
                  </button>
                </div>
                <h2>{t("profile.path")}</h2>
                <PathChain degree={p().path.degree} path={p().path.path} />
                {/* Further away: the contact my path to them starts with may pass my ask on. */}
                <Show
                  when={
                    p().relationship === "none" && (p().path.degree ?? 0) >= 3
                      ? p().path.path[1]
                      : undefined
                  }
                >
                  {(first) => (
                    <button
                      type="button"
                      class="button"
                      onClick={() => setIntroducing({ via: first(), to: p() })}
                    >
                      {t("introduce.buttonTo", { via: first().displayName, name: p().displayName })}
                    </button>
                  )}
                </Show>
                <h2>{t("contacts.mutual", { n: String(p().mutualCount) })}</h2>
                <Show
                  when={p().mutualContacts.length > 0}
                  fallback={<p class="muted">{t("contacts.noMutual")}</p>}
                >
                  <ul class="mini-list">
                    <For each={p().mutualContacts}>
                      {(m) => (
                        <li>
                          <MemberLine member={m}>
                            <Show when={p().relationship === "none"}>
                              <button
                                type="button"
                                class="button button-quiet"
                                onClick={() => setIntroducing({ via: m, to: p() })}
                              >
                                {t("introduce.button", { via: m.displayName })}
                              </button>
                            </Show>
                          </MemberLine>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </Show>
              <Wall handle={p().handle} readable={isMe() || p().relationship === "contact"} />
              <RequestDialog
                open={asking()}
                to={p()}
                foundVia={
                  fromPost() !== null
                    ? { kind: "post", postId: fromPost() ?? "" }
                    : via() !== undefined && (p().path.degree ?? 0) >= 2
                      ? {
                          kind: "contact",
                          handle: via()?.handle ?? "",
                          name: via()?.displayName ?? "",
                        }
                      : { kind: "search" }
                }
                onClose={() => setAsking(false)}
                onSent={(connected) => {
                  setAsking(false)
                  mutate({ ...p(), relationship: connected ? "contact" : "requestSent" })
                }}
              />
              <Show when={introducing()}>
                {(ask) => (
                  <IntroduceDialog
                    open={true}
                    via={ask().via}
                    to={ask().to}
                    onClose={() => setIntroducing(null)}
                    onAsked={() => setIntroducing(null)}
                  />
                )}
              </Show>
              <RecommendDialog
                open={recommending()}
                member={p()}
                onClose={() => setRecommending(false)}
              />
              <Dialog
                open={blocking()}
                title={t("profile.blockTitle", { name: p().displayName })}
                onClose={() => setBlocking(false)}
              >
                <p>{t("profile.blockHint", { name: p().displayName })}</p>
                <div class="actions">
                  <button type="button" class="button button-danger" onClick={() => void block()}>
                    {t("profile.block")}
                  </button>
                  <button type="button" class="button" onClick={() => setBlocking(false)}>
                    {t("action.cancel")}
                  </button>
                </div>
              </Dialog>
            </section>
          )
        }}
      </Show>
    </Async>
  )
}
