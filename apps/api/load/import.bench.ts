/**
 * Importing a whole network at once: 10,000 people as a LinkedIn
 * Connections.csv and as vCards, through the real app (`app.request`, the
 * route, the parser, the domain's plan, one SQLite transaction on a file),
 * into an empty address book, then the same file again (every person found
 * by key, nothing written). Target: ≤ 5 s for 10,000 entries. Each phase
 * runs three times with a member of its own; prints a table, then one JSON
 * line.
 *
 *   pnpm --filter @kontakt/api bench       (runs this after hashing.bench.ts)
 *   node --import tsx load/import.bench.ts --people 10000
 */

import { makeTestApp } from "../src/test-support.js"
import { numberArg } from "./args.js"

const PEOPLE = numberArg("people", 10_000)
const ROUNDS = 3
const TARGET_MS = 5_000

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
const linkedIn = (n: number) =>
  [
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    "",
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ...Array.from(
      { length: n },
      (_, i) =>
        `Jürgen${i},Müller,https://www.linkedin.com/in/jmueller-${i},${i % 3 === 0 ? `j${i}@messebau.example` : ""},"Messebau Köln ${i % 97} GmbH",Geschäftsführer,${String((i % 28) + 1).padStart(2, "0")} ${months[i % 12]} ${2010 + (i % 15)}`,
    ),
  ].join("\n")
const vcards = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nN:Schröder${i};Anna;;;\r\nFN:Anna Schröder${i}\r\nORG:Schröder & Partner ${i % 50}\r\nEMAIL;TYPE=INTERNET:anna${i}@schroeder.example\r\nTEL;TYPE=WORK:+49 221 ${100000 + i}\r\nCATEGORIES:Kunden,Messe\r\nNOTE:Lange Notiz, die über\r\n  zwei Zeilen gefaltet ist.\r\nEND:VCARD\r\n`,
  ).join("")

const t = await makeTestApp()
const files = { linkedin: linkedIn(PEOPLE), vcard: vcards(PEOPLE) }
const rows: { phase: string; runs: number[]; created: number; unchanged: number }[] = []
try {
  for (const [format, text] of Object.entries(files)) {
    const fresh: number[] = []
    const again: number[] = []
    let created = 0
    let unchanged = 0
    for (let round = 0; round < ROUNDS; round++) {
      const m = await t.signup(`importer${format}${round}`)
      await t.call("POST", "/v1/categories", { cookie: m.cookie, body: { name: "Kunden" } })
      for (const [times, expect] of [
        [fresh, "created"],
        [again, "unchanged"],
      ] as const) {
        const start = performance.now()
        const res = await t.call("POST", "/v1/imports", {
          cookie: m.cookie,
          raw: text,
          headers: { "content-type": "text/csv" },
        })
        times.push(performance.now() - start)
        const report = (await res.json()) as Record<string, number>
        if (res.status !== 200 || report[expect] !== PEOPLE)
          throw new Error(`${format}: ${res.status} ${JSON.stringify(report).slice(0, 300)}`)
        if (expect === "created") created = report["created"] ?? 0
        else unchanged = report["unchanged"] ?? 0
      }
    }
    rows.push({ phase: `${format}, into an empty book`, runs: fresh, created, unchanged: 0 })
    rows.push({ phase: `${format}, the same file again`, runs: again, created: 0, unchanged })
  }
} finally {
  await t.close()
}

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
console.log(
  `\nImporting ${PEOPLE.toLocaleString("en")} people (${(files.linkedin.length / 1048576).toFixed(1)} MiB as CSV, ${(files.vcard.length / 1048576).toFixed(1)} MiB as vCards), ${ROUNDS} runs each; target ≤ ${TARGET_MS} ms`,
)
console.log(
  `  ${"phase".padEnd(34)} ${"median ms".padStart(10)} ${"worst ms".padStart(9)}  entries`,
)
for (const r of rows)
  console.log(
    `  ${r.phase.padEnd(34)} ${median(r.runs).toFixed(0).padStart(10)} ${Math.max(...r.runs)
      .toFixed(0)
      .padStart(9)}  ${r.created > 0 ? `${r.created} created` : `${r.unchanged} unchanged`}`,
  )
const worst = Math.max(...rows.flatMap((r) => r.runs))
console.log(
  JSON.stringify({
    bench: "import",
    people: PEOPLE,
    targetMs: TARGET_MS,
    worstMs: Math.round(worst),
    met: worst <= TARGET_MS,
    phases: Object.fromEntries(
      rows.map((r) => [
        r.phase,
        { medianMs: Math.round(median(r.runs)), worstMs: Math.round(Math.max(...r.runs)) },
      ]),
    ),
  }),
)
