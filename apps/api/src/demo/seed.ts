/**
 * Fills a database with a demo network so that a newcomer sees something
 * real: 240 members (most with photos), groups, connections with notes and
 * categories, pending and ignored requests. Everything goes through the same
 * services the API uses. Sign in as sandra@kontakt.example / kontakt-demo-2026.
 */
import { defaultSettings, type Settings } from "@kontakt/domain"
import { CategoryService, ContactService, Members, RequestService } from "@kontakt/store"
import { Effect, Option } from "effect"
import { scryptHasher } from "../auth/password.js"
import { avatarPng } from "./avatar.js"

export const DEMO_EMAIL = "sandra@kontakt.example"
export const DEMO_PASSWORD = "kontakt-demo-2026"

const FIRST = [
  "Sandra",
  "David",
  "Petra",
  "Jonas",
  "Aylin",
  "Marco",
  "Lena",
  "Tobias",
  "Mia",
  "Felix",
  "Sophie",
  "Lukas",
  "Hannah",
  "Paul",
  "Emma",
  "Ben",
  "Clara",
  "Noah",
  "Lea",
  "Elias",
  "Nora",
  "Finn",
  "Ida",
  "Jan",
  "Zeynep",
  "Luca",
  "Marie",
  "Tim",
  "Greta",
  "Omar",
]
const LAST = [
  "Staub",
  "Polk",
  "Becker",
  "Schulz",
  "Yilmaz",
  "Rossi",
  "Wagner",
  "Hoffmann",
  "Koch",
  "Richter",
  "Klein",
  "Wolf",
  "Neumann",
  "Schwarz",
  "Braun",
  "Krüger",
  "Hartmann",
  "Lange",
  "Werner",
  "Krause",
]
const HEADLINES = [
  "Trainerin für Online-Netzwerken",
  "Vertrieb B2B",
  "Gründer, Software",
  "Steuerberaterin",
  "Freelance Designer",
  "Marketing-Leiterin",
  "Coach für Führungskräfte",
  "Autorin",
  "IT-Berater",
  "Recruiterin",
  "Fotograf",
  "Projektmanagerin",
  "Social-Media-Beraterin",
  "Einkauf Mittelstand",
  "Immobilienmaklerin",
]
const GROUPS = [
  ["Online-Netzwerker K.", "Wir vernetzen uns und empfehlen einander weiter."],
  ["Gründerinnen Köln", "Austausch für Gründerinnen im Rheinland."],
  ["Marketing Stammtisch", "Monatlich: was funktioniert, was nicht."],
  ["Freelancer Berlin", "Aufträge, Tipps, Kooperationen."],
  ["Vertrieb & Akquise", "Kaltakquise war gestern."],
] as const
const MESSAGES = [
  "Hallo, habe Dich in der Gruppe gefunden und würde mich gerne mit Dir vernetzen.",
  "Wir haben uns auf der Messe kurz gesprochen – lass uns in Kontakt bleiben!",
  "Ich lese Deine Beiträge gern und würde mich freuen, vernetzt zu sein.",
  "Hi! We share several contacts; happy to connect.",
  null,
] as const

// A small deterministic PRNG, so the demo is the same every time.
const random = (() => {
  let a = 2026
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
})()
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T

export const seedDemo = (members = 240) =>
  Effect.gen(function* () {
    const repo = yield* Members
    if (Option.isSome(yield* repo.byEmail(DEMO_EMAIL)))
      return { created: false as const, members: 0 }
    const requests = yield* RequestService
    const contacts = yield* ContactService
    const categories = yield* CategoryService
    const passwordHash = yield* Effect.promise(() => scryptHasher().hash(DEMO_PASSWORD))
    const now = new Date()

    const people: { id: string; handle: string }[] = []
    for (let i = 0; i < members; i++) {
      const first = i === 0 ? "Sandra" : pick(FIRST)
      const last = i === 0 ? "Staub" : pick(LAST)
      const handle = i === 0 ? "sandra" : `${first}-${last}-${i}`.toLowerCase().replace(/ü/g, "ue")
      const settings: Settings = {
        ...defaultSettings(),
        locale: random() < 0.7 ? "de" : "en",
        ...(i % 9 === 0 ? { acceptance: { mode: "acceptAll" as const } } : {}),
        // Sandra, the demo account, is the cautious curator: she decides herself, guided by criteria.
        ...(i === 0
          ? {
              acceptance: {
                mode: "criteria" as const,
                autoAccept: false,
                rules: {
                  photo: true,
                  sharedGroup: true,
                  message: true,
                  minMutualContacts: 0,
                  openToNetworking: false,
                },
              },
            }
          : {}),
        ...(i % 13 === 0 ? { requireMessage: true } : {}),
      }
      const id = yield* repo.create(
        {
          handle,
          email: i === 0 ? DEMO_EMAIL : `${handle}@kontakt.example`,
          displayName: `${first} ${last}`,
          passwordHash,
          settings,
        },
        now,
      )
      yield* repo.updateProfile(id, { headline: pick(HEADLINES), openToNetworking: random() < 0.6 })
      if (random() < 0.75) yield* repo.setPhoto(id, "image/png", avatarPng(i), now)
      people.push({ id, handle })
    }
    const groupIds: string[] = []
    for (const [name, description] of GROUPS) {
      const creator = pick(people)
      const groupId = yield* repo.createGroup({ name, description, createdBy: creator.id }, now)
      groupIds.push(groupId)
      for (const p of people) if (random() < 0.18) yield* repo.joinGroup(groupId, p.id, now)
    }

    // Connections: preferential attachment, so some members are hubs; every request has a reason.
    const send = (from: { id: string }, to: { handle: string }, message: string | null) =>
      requests
        .send(from.id, to.handle, {
          message,
          foundVia:
            random() < 0.5 ? { kind: "group", groupId: pick(groupIds) } : { kind: "search" },
        })
        .pipe(Effect.option)
    for (const p of people) {
      const links = 1 + Math.floor(random() * 6)
      for (let k = 0; k < links; k++) {
        const other = random() < 0.3 ? (people[0] ?? p) : pick(people)
        if (other.id === p.id) continue
        const sent = yield* send(p, other, pick(MESSAGES) ?? "Hallo!")
        if (Option.isSome(sent) && sent.value._tag === "Sent") {
          const roll = random()
          if (roll < 0.7)
            yield* requests.accept(other.id, sent.value.request.id, {}).pipe(Effect.option)
          else if (roll < 0.82)
            yield* requests.ignore(other.id, sent.value.request.id).pipe(Effect.option)
        }
      }
    }
    // Sandra, the curator: categories with their own cadence, and notes on her contacts.
    const sandra = people[0]
    if (sandra !== undefined) {
      const kunden = yield* categories
        .create(sandra.id, { name: "Kunden", reviewEveryDays: 90 })
        .pipe(Effect.option)
      const gruppe = yield* categories.create(sandra.id, { name: "Gruppe K." }).pipe(Effect.option)
      yield* categories
        .create(sandra.id, { name: "Presse", reviewEveryDays: 365 })
        .pipe(Effect.option)
      let n = 0
      for (const p of people.slice(1)) {
        const result = yield* contacts
          .update(sandra.id, p.handle, {
            categoryIds: [n % 3 === 0 ? kunden : gruppe].flatMap((c) =>
              Option.isSome(c) ? [c.value.id] : [],
            ),
            importance: n % 7 === 0 ? "high" : "normal",
          })
          .pipe(Effect.option)
        if (Option.isSome(result)) n++
      }
    }
    return { created: true as const, members: people.length }
  })
