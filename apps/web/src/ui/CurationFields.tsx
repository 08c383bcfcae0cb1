/**
 * My private curation of a person, as a contact's panel and an address book
 * entry's show it: the categories I file them under (each ticked or not) and
 * how important they are to me. Each change is handed on at once.
 */
import { For } from "solid-js"
import { useI18n } from "../i18n/index.js"

type Importance = "low" | "normal" | "high"

export const CurationFields = (props: {
  categories: readonly { readonly id: string; readonly name: string }[]
  categoryIds: readonly string[]
  importance: Importance
  onChange: (patch: { categoryIds?: string[]; importance?: Importance }) => void
}) => {
  const { t } = useI18n()
  return (
    <>
      <fieldset>
        <legend>{t("contacts.categories")}</legend>
        <ul class="checks">
          <For each={props.categories}>
            {(c) => (
              <li>
                <label>
                  <input
                    type="checkbox"
                    checked={props.categoryIds.includes(c.id)}
                    onChange={(e) =>
                      props.onChange({
                        categoryIds: e.currentTarget.checked
                          ? [...props.categoryIds, c.id]
                          : props.categoryIds.filter((x) => x !== c.id),
                      })
                    }
                  />{" "}
                  {c.name}
                </label>
              </li>
            )}
          </For>
        </ul>
      </fieldset>
      <label class="field">
        {t("contacts.importance")}
        <select
          value={props.importance}
          onChange={(e) => props.onChange({ importance: e.currentTarget.value as Importance })}
        >
          <For each={["low", "normal", "high"] as const}>
            {(i) => <option value={i}>{t(`contacts.importanceLevel.${i}`)}</option>}
          </For>
        </select>
      </label>
    </>
  )
}
