/**
 * The acceptance policy's verdict on a request, in plain words: each rule
 * with ✓ or ✗ (photo, shared group, message, mutual contacts, open to
 * networking, introduced by a contact), and what it recommends.
 */
import { For } from "solid-js"
import { useI18n } from "../../i18n/index.js"
import type { IncomingRequest } from "./IncomingCard.js"

type Reason = IncomingRequest["verdict"]["reasons"][number]

export const reasonText = (
  t: ReturnType<typeof useI18n>["t"],
  r: Reason,
  introducedBy: string | null = null,
): string => {
  const n = String(r.count ?? 0)
  switch (r.rule) {
    case "acceptAll":
      return t("verdict.acceptAll")
    case "photo":
      return r.passed ? t("verdict.photo.yes") : t("verdict.photo.no")
    case "sharedGroup":
      return r.passed ? t("verdict.group.yes", { n }) : t("verdict.group.no")
    case "message":
      return r.passed ? t("verdict.message.yes") : t("verdict.message.no")
    case "mutualContacts":
      return r.atLeast === undefined || r.atLeast === 0
        ? t("verdict.mutual.count", { n })
        : t("verdict.mutual.atLeast", { n, k: String(r.atLeast) })
    case "openToNetworking":
      return r.passed ? t("verdict.open.yes") : t("verdict.open.no")
    case "introducedByContact":
      return r.passed
        ? t("verdict.introduced.yes", { name: introducedBy ?? "" })
        : t("verdict.introduced.no")
  }
}

export const Verdict = (props: {
  verdict: IncomingRequest["verdict"]
  /** Who introduced the sender, by name, when a contact of mine did. */
  introducedBy?: string | null
}) => {
  const { t } = useI18n()
  return (
    <div class="verdict">
      <p class="verdict-summary">
        {props.verdict.recommendation === "accept"
          ? t("verdict.recommendAccept")
          : t("verdict.recommendDecide")}
      </p>
      <ul class="reasons">
        <For each={props.verdict.reasons}>
          {(r) => (
            <li classList={{ passed: r.passed, failed: !r.passed, required: r.required }}>
              <span aria-hidden="true">{r.passed ? "✓" : "✗"}</span>{" "}
              <span class="visually-hidden">
                {r.passed ? t("verdict.passed") : t("verdict.failed")}:{" "}
              </span>
              {reasonText(t, r, props.introducedBy ?? null)}
              {r.required ? <span class="muted"> ({t("verdict.required")})</span> : null}
            </li>
          )}
        </For>
      </ul>
    </div>
  )
}
