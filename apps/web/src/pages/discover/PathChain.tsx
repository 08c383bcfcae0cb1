/** The chain from me to a member (XING's contact path): each member on it, linked. */
import { A } from "@solidjs/router"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/index.js"
import { Avatar, type AvatarMember } from "../../ui/Avatar.js"

export const PathChain = (props: {
  degree: number | null
  path: readonly (AvatarMember & { readonly headline: string })[]
}) => {
  const { t } = useI18n()
  return (
    <Show when={props.degree !== null} fallback={<p class="muted">{t("path.none")}</p>}>
      <figure class="path">
        <figcaption>{t("path.degree", { n: String(props.degree) })}</figcaption>
        <ol class="chain">
          <For each={props.path}>
            {(m, i) => (
              <li>
                <Show when={i() > 0}>
                  <span class="chain-link" aria-hidden="true">
                    →
                  </span>
                </Show>
                <A href={`/members/${m.handle}`} class="chain-member">
                  <Avatar member={m} size="s" />
                  <span>{i() === 0 ? t("path.you") : m.displayName}</span>
                </A>
              </li>
            )}
          </For>
        </ol>
      </figure>
    </Show>
  )
}
