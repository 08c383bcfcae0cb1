/**
 * My reach: how many members are 1, 2 and 3 hops away, and the chance that
 * at least one of them is a customer — 1 − (1 − p)^n — for a base rate I
 * choose. Among 500 contacts the chance is better than among 50.
 */
import { chanceOfAtLeastOne } from "@kontakt/domain"
import { createResource, createSignal, Show } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { BarChart } from "../../ui/BarChart.js"
import { Async } from "../../ui/States.js"

// The slider moves in steps of a tenth of a per mille, from 0.01 % to 10 %.
const RATES = [0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]

export const Network = () => {
  const { t, number, percent } = useI18n()
  const [reach, { refetch }] = createResource(() => ok(api.v1.network.reach.$get({ query: {} })))
  const [step, setStep] = createSignal(6)
  const rate = () => RATES[step()] ?? 0.01

  return (
    <section class="network">
      <h1>{t("network.title")}</h1>
      <p class="lead">{t("network.intro")}</p>
      <Async retry={() => void refetch()}>
        <Show when={reach()}>
          {(r) => {
            const rings = () => [
              { label: t("network.ring1"), n: r().first },
              { label: t("network.ring2"), n: r().first + r().second },
              { label: t("network.ring3"), n: r().first + r().second + r().third },
            ]
            return (
              <>
                <BarChart
                  title={t("network.reachTitle")}
                  valueHeading={t("network.members")}
                  bars={[
                    { label: t("network.hop1"), value: r().first, text: number(r().first) },
                    { label: t("network.hop2"), value: r().second, text: number(r().second) },
                    {
                      label: t("network.hop3"),
                      value: r().third,
                      text: r().thirdEstimated
                        ? t("network.estimated", { n: number(r().third) })
                        : number(r().third),
                    },
                  ]}
                />
                <div class="calculator card">
                  <h2>{t("network.chanceTitle")}</h2>
                  <label class="field">
                    {t("network.baseRate", { rate: percent(rate()) })}
                    <input
                      type="range"
                      min={0}
                      max={RATES.length - 1}
                      step={1}
                      value={step()}
                      aria-valuetext={percent(rate())}
                      onInput={(e) => setStep(Number(e.currentTarget.value))}
                    />
                  </label>
                  <p class="hint">{t("network.baseRateHint")}</p>
                  <BarChart
                    title={t("network.chanceChart")}
                    valueHeading={t("network.chance")}
                    max={100}
                    bars={[
                      ...[50, 500].map((n) => ({
                        label: t("network.contacts", { n: String(n) }),
                        value: 100 * chanceOfAtLeastOne(rate(), n),
                        text: percent(chanceOfAtLeastOne(rate(), n)),
                      })),
                      ...rings().map((ring) => ({
                        label: `${ring.label} (${number(ring.n)})`,
                        value: 100 * chanceOfAtLeastOne(rate(), ring.n),
                        text: percent(chanceOfAtLeastOne(rate(), ring.n)),
                      })),
                    ]}
                  />
                </div>
              </>
            )
          }}
        </Show>
      </Async>
    </section>
  )
}
