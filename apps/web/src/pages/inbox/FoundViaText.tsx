/** How the sender found me, in words, with the group's name when it is a group. */
import { createResource, Match, Switch } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import type { IncomingRequest } from "./IncomingCard.js"

export const groupName = async (id: string) => {
  try {
    return (await ok(api.v1.groups[":id"].$get({ param: { id } }))).name
  } catch {
    return null
  }
}

export const FoundViaText = (props: { foundVia: IncomingRequest["foundVia"] }) => {
  const { t } = useI18n()
  const [group] = createResource(
    () => (props.foundVia?.kind === "group" ? props.foundVia.groupId : false),
    groupName,
  )
  return (
    <p class="found-via muted">
      <Switch>
        <Match when={props.foundVia?.kind === "group"}>
          {t("foundVia.group", { group: group() ?? "…" })}
        </Match>
        <Match when={props.foundVia?.kind === "contact" && props.foundVia}>
          {(via) =>
            t("foundVia.contact", { handle: "handle" in via() ? String(via().handle) : "" })
          }
        </Match>
        <Match when={props.foundVia?.kind === "search"}>{t("foundVia.search")}</Match>
        <Match when={props.foundVia?.kind === "suggestion"}>{t("foundVia.suggestion")}</Match>
        <Match when={props.foundVia?.kind === "post"}>{t("foundVia.post")}</Match>
        <Match when={props.foundVia?.kind === "introduction" && props.foundVia}>
          {(via) => t("foundVia.introduction", { handle: "via" in via() ? String(via().via) : "" })}
        </Match>
      </Switch>
    </p>
  )
}
