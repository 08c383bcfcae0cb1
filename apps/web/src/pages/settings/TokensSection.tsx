/** Personal access tokens for the API: named, shown once, revocable. */
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { TextField } from "../../ui/Field.js"
import { Async, Empty, useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"

export const TokensSection = () => {
  const { t, date } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [tokens, { mutate, refetch }] = createResource(() => ok(api.v1.tokens.$get()))
  const [name, setName] = createSignal("")
  const [shown, setShown] = createSignal<string | null>(null)
  const [error, setError] = createSignal<string | null>(null)

  const create = async (e: SubmitEvent) => {
    e.preventDefault()
    if (name().trim() === "") {
      setError(t("field.required"))
      return
    }
    try {
      const created = await ok(api.v1.tokens.$post({ json: { name: name().trim() } }))
      setShown(created.token)
      setName("")
      setError(null)
      void refetch()
    } catch (err) {
      setError(errorText(err))
    }
  }

  const revoke = async (id: string) => {
    const before = tokens()
    mutate((l) => (l === undefined ? l : { ...l, items: l.items.filter((x) => x.id !== id) }))
    try {
      await ok(api.v1.tokens[":id"].$delete({ param: { id } }))
    } catch (err) {
      mutate(before)
      toasts.show(errorText(err), "error")
    }
  }

  return (
    <section class="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t("tokens.title")}</h2>
      <p class="hint">{t("tokens.intro")}</p>
      <Show when={shown()}>
        {(token) => (
          <div class="notice" role="status">
            <p>{t("tokens.once")}</p>
            <code class="token">{token()}</code>
          </div>
        )}
      </Show>
      <form class="inline-form" onSubmit={create} novalidate>
        <TextField
          label={t("tokens.name")}
          value={name()}
          maxLength={64}
          error={error() ?? undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit" class="button">
          {t("tokens.create")}
        </button>
      </form>
      <Async retry={() => void refetch()}>
        <Show when={tokens()}>
          {(l) => (
            <Show when={l().items.length > 0} fallback={<Empty>{t("tokens.empty")}</Empty>}>
              <ul class="mini-list">
                <For each={l().items}>
                  {(token) => (
                    <li>
                      <strong>{token.name}</strong>{" "}
                      <span class="muted">
                        {t("tokens.created", { date: date(token.createdAt) })}
                        {token.lastUsedAt === null
                          ? ""
                          : ` · ${t("tokens.used", { date: date(token.lastUsedAt) })}`}
                      </span>{" "}
                      <button
                        type="button"
                        class="button button-quiet"
                        onClick={() => void revoke(token.id)}
                      >
                        {t("tokens.revoke")}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Async>
    </section>
  )
}
