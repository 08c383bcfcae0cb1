/**
 * Introductions in the inbox: the asks waiting for me — introduce (with a
 * note the target reads beside the request) or decline, silently — and my
 * own asks, as I see them (a declined one reads as waiting, until it lapses).
 */
import { defaultPolicy } from "@kontakt/domain"
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { FormError, TextArea } from "../../ui/Field.js"
import { MemberLine } from "../../ui/MemberLine.js"
import { Async, Empty, useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"

const NOTE_MAX = defaultPolicy.introductionNoteMaxLength
const loadWaiting = () => ok(api.v1.introductions.incoming.$get({ query: { limit: "100" } }))
const loadMine = () => ok(api.v1.introductions.outgoing.$get({ query: { limit: "100" } }))
type Ask = Awaited<ReturnType<typeof loadWaiting>>["items"][number]

/** One ask waiting for me: who would like to meet whom, and why; introduce or decline. */
export const WaitingAsk = (props: { ask: Ask; onDone: () => void }) => {
  const { t } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [note, setNote] = createSignal("")
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const names = () => ({
    asker: props.ask.asker.displayName,
    target: props.ask.target.displayName,
  })

  const act = async (verb: "forward" | "decline") => {
    setBusy(true)
    setError(null)
    try {
      const param = { id: props.ask.id }
      if (verb === "forward") {
        const text = note().trim()
        await ok(
          api.v1.introductions[":id"].forward.$post({
            param,
            json: text === "" ? {} : { note: text },
          }),
        )
        toasts.show(t("introductions.forwarded", names()))
      } else {
        await ok(api.v1.introductions[":id"].decline.$post({ param }))
        toasts.show(t("introductions.declined"))
      }
      props.onDone()
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <article class="card" aria-label={t("introductions.asks", names())}>
      <p>
        <strong>{t("introductions.asks", names())}</strong>
      </p>
      <MemberLine member={props.ask.asker} />
      <blockquote class="message">{props.ask.message}</blockquote>
      <MemberLine member={props.ask.target} />
      <TextArea
        label={t("introductions.note", { name: props.ask.target.displayName })}
        hint={t("introductions.noteHint", { name: props.ask.target.displayName })}
        value={note()}
        rows={3}
        counter={{ length: note().trim().length, max: NOTE_MAX }}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <FormError error={error()} />
      <div class="actions">
        <button
          type="button"
          class="button button-primary"
          disabled={busy() || note().trim().length > NOTE_MAX}
          onClick={() => void act("forward")}
        >
          {t("introductions.forward")}
        </button>
        <button type="button" class="button" disabled={busy()} onClick={() => void act("decline")}>
          {t("introductions.decline")}
        </button>
        <span class="hint">{t("introductions.declineHint")}</span>
      </div>
    </article>
  )
}

export const IntroductionsList = () => {
  const { t, date } = useI18n()
  const [waiting, { mutate, refetch }] = createResource(loadWaiting)
  const [mine, mineActions] = createResource(loadMine)
  const done = (id: string) =>
    mutate((p) => (p === undefined ? p : { ...p, items: p.items.filter((a) => a.id !== id) }))

  return (
    <>
      <h2>{t("introductions.waiting")}</h2>
      <p class="muted">{t("introductions.waitingHint")}</p>
      <Async retry={() => void refetch()}>
        <Show when={waiting()}>
          {(page) => (
            <Show
              when={page().items.length > 0}
              fallback={<Empty>{t("introductions.waitingEmpty")}</Empty>}
            >
              <ul class="cards">
                <For each={page().items}>
                  {(ask) => (
                    <li>
                      <WaitingAsk ask={ask} onDone={() => done(ask.id)} />
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Async>
      <h2>{t("introductions.mine")}</h2>
      <Async retry={() => void mineActions.refetch()}>
        <Show when={mine()}>
          {(page) => (
            <Show
              when={page().items.length > 0}
              fallback={<Empty>{t("introductions.mineEmpty")}</Empty>}
            >
              <ul class="cards">
                <For each={page().items}>
                  {(ask) => (
                    <li class="card">
                      <MemberLine member={ask.target}>
                        <span class="muted">
                          {t("introductions.through", { name: ask.via.displayName })} ·{" "}
                          {date(ask.createdAt)} ·{" "}
                          {t(`introductions.state.${ask.state}`, { name: ask.via.displayName })}
                        </span>
                      </MemberLine>
                      <blockquote class="message">{ask.message}</blockquote>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Async>
    </>
  )
}
