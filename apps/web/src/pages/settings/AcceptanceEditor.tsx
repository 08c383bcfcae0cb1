/**
 * The acceptance policy, explained in plain words: decide yourself, accept
 * everyone, or accept when the criteria I choose hold (with or without
 * accepting at once).
 */
import type { AcceptancePolicy } from "@kontakt/domain"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/index.js"

type Rules = Extract<AcceptancePolicy, { mode: "criteria" }>["rules"]
const RULES = [
  "photo",
  "sharedGroup",
  "message",
  "openToNetworking",
  "introducedByContact",
] as const
const defaultRules: Rules = {
  photo: true,
  sharedGroup: true,
  message: false,
  minMutualContacts: 0,
  openToNetworking: false,
  introducedByContact: false,
}

export const AcceptanceEditor = (props: {
  value: AcceptancePolicy
  onChange: (next: AcceptancePolicy) => void
}) => {
  const { t } = useI18n()
  const rules = () => (props.value.mode === "criteria" ? props.value.rules : defaultRules)
  const autoAccept = () => props.value.mode === "criteria" && props.value.autoAccept
  const setRules = (patch: Partial<Rules>) =>
    props.onChange({ mode: "criteria", rules: { ...rules(), ...patch }, autoAccept: autoAccept() })
  return (
    <fieldset class="acceptance">
      <legend>{t("acceptance.title")}</legend>
      <For each={["manual", "acceptAll", "criteria"] as const}>
        {(mode) => (
          <label class="choice">
            <input
              type="radio"
              name="acceptance"
              value={mode}
              checked={props.value.mode === mode}
              onChange={() =>
                props.onChange(
                  mode === "criteria"
                    ? { mode, rules: rules(), autoAccept: autoAccept() }
                    : { mode },
                )
              }
            />
            <span>
              <strong>{t(`acceptance.${mode}`)}</strong>
              <span class="hint">{t(`acceptance.${mode}Hint`)}</span>
            </span>
          </label>
        )}
      </For>
      <Show when={props.value.mode === "criteria"}>
        <div class="criteria">
          <For each={RULES}>
            {(rule) => (
              <label>
                <input
                  type="checkbox"
                  checked={rules()[rule]}
                  onChange={(e) => setRules({ [rule]: e.currentTarget.checked })}
                />{" "}
                {t(`acceptance.rule.${rule}`)}
              </label>
            )}
          </For>
          <label>
            {t("acceptance.rule.mutual")}{" "}
            <input
              type="number"
              min={0}
              max={1000}
              value={rules().minMutualContacts}
              onChange={(e) =>
                setRules({
                  minMutualContacts: Math.max(
                    0,
                    Math.min(1000, Number(e.currentTarget.value) || 0),
                  ),
                })
              }
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={autoAccept()}
              onChange={(e) =>
                props.onChange({
                  mode: "criteria",
                  rules: rules(),
                  autoAccept: e.currentTarget.checked,
                })
              }
            />{" "}
            {t("acceptance.autoAccept")}
          </label>
        </div>
      </Show>
    </fieldset>
  )
}
