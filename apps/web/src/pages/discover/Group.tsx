/** One group: what it is about, join or leave, and its members — each a possible contact. */
import { useParams } from "@solidjs/router"
import { createResource, For, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Async, Empty } from "../../ui/States.js"
import { type Group as GroupView, useMembership } from "./Groups.js"
import { MemberCard } from "./MemberCard.js"

const load = async (id: string) => {
  const [group, members] = await Promise.all([
    ok(api.v1.groups[":id"].$get({ param: { id } })),
    ok(api.v1.groups[":id"].members.$get({ param: { id }, query: { limit: "100" } })),
  ])
  return { group, members: members.items }
}

export const Group = () => {
  const { t, number } = useI18n()
  const params = useParams()
  const [data, { mutate, refetch }] = createResource(() => params["id"] ?? "", load)
  const membership = useMembership()
  const setGroup = (group: GroupView) => mutate((d) => (d === undefined ? d : { ...d, group }))
  return (
    <Async retry={() => void refetch()}>
      <Show when={data()}>
        {(d) => (
          <section>
            <h1>{d().group.name}</h1>
            <p class="lead">{d().group.description}</p>
            <p class="muted">{t("groups.members", { n: number(d().group.memberCount) })}</p>
            <button
              type="button"
              class="button"
              aria-pressed={d().group.joined}
              onClick={() => void membership(d().group, setGroup)}
            >
              {d().group.joined ? t("groups.leave") : t("groups.join")}
            </button>
            <h2>{t("groups.memberList")}</h2>
            <Show when={d().members.length > 0} fallback={<Empty>{t("groups.noMembers")}</Empty>}>
              <ul class="cards grid">
                <For each={d().members}>
                  {(m) => (
                    <li>
                      <MemberCard
                        member={m}
                        foundVia={{
                          kind: "group",
                          groupId: d().group.id,
                          groupName: d().group.name,
                        }}
                      />
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>
        )}
      </Show>
    </Async>
  )
}
