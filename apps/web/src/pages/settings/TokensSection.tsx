/** Personal access tokens for the API: named, read-only or not, expiring or not, shown once, revocable. */
import { createResource, createSignal, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { TextField } from "../../ui/Field.js"
import { Async, Empty, useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"

// How long a new token lasts, in days (0: until revoked).
const LIFETIMES = [0, 30, 90, 365] as const

export const TokensSection = (props: { version: number }) => {
  const { t, date } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [tokens, { mutate, refetch }] = createResource(
    () => props.version,
    () => ok(api.v1.tokens.$get()),
  )
  const [name, setName] = createSignal("")
  const [scope, setScope] = createSignal<"read" | "read-write">("read")
  const [days, setDays] = createSignal<number>(90)
  const [shown, setShown] = createSignal<string | null>(null)
  const [error, setError] = createSignal<string | null>(null)

  const create = async (e: SubmitEvent) => {
    e.preventDefault()
    if (name().trim() === "") {
      setError(t("field.required"))
      return
    }
    try {
      const expiresAt =
        days() === 0 ? undefined : new Date(Date.now() + days() * 86_400_000).toISOString()
      const created = await ok(
        api.v1.tokens.$post({ json: { name: name().trim(), scope: scope(), expiresAt } }),
      )
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
    <section aria-labelledby="tokens-title">
      <h3 id="tokens-title">{t("tokens.title")}</h3>
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
        <div class="field">
          <label for="token-scope">{t("tokens.scope")}</label>
          <select
            id="token-scope"
            value={scope()}
            onChange={(e) => setScope(e.currentTarget.value === "read" ? "read" : "read-write")}
          >
            <option value="read">{t("tokens.read")}</option>
            <option value="read-write">{t("tokens.readWrite")}</option>
          </select>
        </div>
        <div class="field">
          <label for="token-days">{t("tokens.expires")}</label>
          <select
            id="token-days"
            value={String(days())}
            onChange={(e) => setDays(Number(e.currentTarget.value))}
          >
            <For each={LIFETIMES}>
              {(d) => (
                <option value={String(d)}>
                  {d === 0 ? t("tokens.never") : t("tokens.days", { n: String(d) })}
                </option>
              )}
            </For>
          </select>
        </div>
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
                      <span class="tag">
                        {token.scope === "read" ? t("tokens.read") : t("tokens.readWrite")}
                      </span>{" "}
                      <span class="muted">
                        {t("tokens.created", { date: date(token.createdAt) })}
                        {token.expiresAt === null
                          ? ""
                          : ` · ${t("tokens.until", { date: date(token.expiresAt) })}`}
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
