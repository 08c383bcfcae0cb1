/**
 * My invitations: for whom, with my words, their state as I see them (a link
 * someone used without connecting reads as open), until when; revoking one;
 * new ones.
 */
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { createMorePages, MorePagesButton } from "../../ui/pages.js"
import { Async, Empty, useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"
import { InviteDialog } from "./InviteDialog.js"

const loadPage = (cursor: string | null) =>
  ok(api.v1.invitations.$get({ query: cursor === null ? {} : { cursor } }))

export const Invitations = () => {
  const { t, date } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [first, { refetch }] = createResource(() => loadPage(null))
  const more = createMorePages(first, loadPage)
  const [inviting, setInviting] = createSignal(false)
  const items = () => [...(first()?.items ?? []), ...more.items()]
  const reload = () => {
    more.reset()
    void refetch()
  }
  const revoke = async (id: string) => {
    try {
      await ok(api.v1.invitations[":id"].$delete({ param: { id } }))
      toasts.show(t("invitations.revoked"))
      reload()
    } catch (e) {
      toasts.show(errorText(e), "error")
    }
  }

  return (
    <section class="invitations">
      <h1>{t("invitations.title")}</h1>
      <p class="lead">{t("invitations.intro")}</p>
      <button type="button" class="button button-primary" onClick={() => setInviting(true)}>
        {t("invitations.create")}
      </button>
      <Async retry={() => void refetch()}>
        <Show when={first()}>
          <Show when={items().length > 0} fallback={<Empty>{t("invitations.empty")}</Empty>}>
            <ul class="mini-list">
              <For each={items()}>
                {(i) => (
                  <li class="invitation">
                    <span>
                      {t("invitations.forWhom", { who: i.email ?? t("invitations.anyone") })}
                    </span>{" "}
                    <span class="tag">{t(`invitations.status.${i.status}`)}</span>{" "}
                    <Show when={i.status === "open"}>
                      <span class="muted small">
                        {t("invitations.until", { date: date(i.expiresAt) })}
                      </span>{" "}
                      <button
                        type="button"
                        class="button button-quiet"
                        onClick={() => void revoke(i.id)}
                      >
                        {t("invitations.revoke")}
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <MorePagesButton pages={more} label={t("action.more")} />
          </Show>
        </Show>
      </Async>
      <InviteDialog
        entries={inviting() ? [] : null}
        onClose={() => {
          setInviting(false)
          reload()
        }}
      />
    </section>
  )
}
