/**
 * Fills a database with a demo network so that a newcomer sees something
 * real: 240 members (most with photos), groups, connections made over the
 * past two years with notes and categories, pending and ignored requests, and
 * news of the last months — some of Sandra's contacts share what she flagged
 * as odd, some what she liked, some are quiet — so that her review has
 * contacts due, with reasons, from the first sign-in — and introductions and
 * recommendations in flight: asks waiting for Sandra to introduce one contact
 * to another, her own ask, a member a contact recommends to her. Everything goes through
 * the same services the API uses, each step on a clock set to when it
 * happened. Sign in as sandra@kontakt.example / kontakt-demo-2026.
 */
import { defaultSettings, type Settings } from "@kontakt/domain"
import {
  CategoryService,
  ContactService,
  Contacts,
  FeedService,
  IntroductionService,
  Members,
  RequestService,
} from "@kontakt/store"
import { Clock, Duration, Effect, Option } from "effect"
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

const DAY = 86_400_000
/** A clock that always says `at` (to the millisecond): a step of the demo, run when it happened. */
const clockAt = (at: number): Clock.Clock => {
  const ms = Math.round(at)
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => ms,
    unsafeCurrentTimeNanos: () => BigInt(ms) * 1_000_000n,
    currentTimeMillis: Effect.succeed(ms),
    currentTimeNanos: Effect.succeed(BigInt(ms) * 1_000_000n),
    sleep: (d) => Effect.sleep(Duration.toMillis(d)),
  }
}
const at =
  (ms: number) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.withClock(effect, clockAt(ms))

const ODD_NEWS = [
  "Nur heute: 90 % Rabatt auf mein Erfolgs-Coaching!!!",
  "Wer mich nicht teilt, verpasst die Chance seines Lebens.",
  "Habt ihr auch gehört, dass Netzwerken bald verboten wird?",
  "Klick hier für das geheime Akquise-Wunder.",
] as const
const GOOD_NEWS = [
  "Mein Leitfaden für die erste Kontaktanfrage: kurz, persönlich, mit Grund.",
  "Drei Dinge, die ich aus 100 Weiterempfehlungen gelernt habe.",
  "Wir suchen eine Trainerin für Online-Netzwerken in Köln — Empfehlungen willkommen.",
] as const

export const seedDemo = (members = 240) =>
  Effect.gen(function* () {
    const repo = yield* Members
    if (Option.isSome(yield* repo.byEmail(DEMO_EMAIL)))
      return { created: false as const, members: 0 }
    const requests = yield* RequestService
    const passwordHash = yield* Effect.promise(() => scryptHasher().hash(DEMO_PASSWORD))
    const now = Date.now()
    // Everyone joined a little over two years ago; the connections came after.
    const joined = new Date(now - 760 * DAY)

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
                  introducedByContact: false,
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
        joined,
      )
      // Sandra is open to networking (seed 2: she accepts whoever asks with a reason).
      const open = i === 0 || random() < 0.6
      yield* at(joined.getTime())(
        repo.updateProfile(id, { headline: pick(HEADLINES), openToNetworking: open }),
      )
      if (i === 0 || random() < 0.75) yield* repo.setPhoto(id, "image/png", avatarPng(i), joined)
      people.push({ id, handle })
    }
    const groupIds: string[] = []
    for (const [name, description] of GROUPS) {
      const creator = pick(people)
      const groupId = yield* repo.createGroup({ name, description, createdBy: creator.id }, joined)
      groupIds.push(groupId)
      for (const p of people) if (random() < 0.18) yield* repo.joinGroup(groupId, p.id, joined)
    }

    // Connections: preferential attachment, so some members are hubs; every request has a reason.
    // Answered requests are spread over the two years, member after member; those still open
    // were sent in the last days (older ones would have expired).
    const send = (from: { id: string }, to: { handle: string }, message: string | null) =>
      requests
        .send(from.id, to.handle, {
          message,
          foundVia:
            random() < 0.5 ? { kind: "group", groupId: pick(groupIds) } : { kind: "search" },
        })
        .pipe(Effect.option)
    for (const [index, p] of people.entries()) {
      const links = 1 + Math.floor(random() * 6)
      for (let k = 0; k < links; k++) {
        const other = random() < 0.3 ? (people[0] ?? p) : pick(people)
        if (other.id === p.id) continue
        const roll = random()
        const when =
          roll < 0.82
            ? joined.getTime() + 20 * DAY + (index / members) * 720 * DAY + k * 3_600_000
            : now - random() * 5 * DAY
        const sent = yield* at(when)(send(p, other, pick(MESSAGES) ?? "Hallo!"))
        if (Option.isSome(sent) && sent.value._tag === "Sent") {
          const answered = at(when + 6 * 3_600_000)
          if (roll < 0.7)
            yield* answered(
              requests.accept(other.id, sent.value.request.id, {}).pipe(Effect.option),
            )
          else if (roll < 0.82)
            yield* answered(requests.ignore(other.id, sent.value.request.id).pipe(Effect.option))
        }
      }
    }
    const sandra = people[0]
    if (sandra !== undefined) {
      yield* curate(sandra, people, now)
      yield* introduce(sandra, people, now)
    }
    return { created: true as const, members: people.length }
  })

/**
 * Sandra, the curator: categories with their own cadence and her contacts
 * sorted into them; news of the last four months from her contacts — odd news
 * she flagged from some, posts she liked from others, nothing from the rest.
 */
const curate = (
  sandra: { readonly id: string; readonly handle: string },
  people: readonly { readonly id: string; readonly handle: string }[],
  now: number,
) =>
  Effect.gen(function* () {
    const contacts = yield* ContactService
    const categories = yield* CategoryService
    const feed = yield* FeedService
    const kunden = yield* categories
      .create(sandra.id, { name: "Kunden", reviewEveryDays: 90 })
      .pipe(Effect.option)
    const gruppe = yield* categories.create(sandra.id, { name: "Gruppe K." }).pipe(Effect.option)
    yield* categories
      .create(sandra.id, { name: "Presse", reviewEveryDays: 365, lessNews: true })
      .pipe(Effect.option)
    const hers: { id: string; handle: string }[] = []
    for (const p of people.slice(1)) {
      const n = hers.length
      const result = yield* contacts
        .update(sandra.id, p.handle, {
          categoryIds: [n % 3 === 0 ? kunden : gruppe].flatMap((c) =>
            Option.isSome(c) ? [c.value.id] : [],
          ),
          importance: n % 7 === 0 ? "high" : "normal",
        })
        .pipe(Effect.option)
      if (Option.isSome(result)) hers.push(p)
    }
    // Every fourth of her contacts spreads odd news, every fourth shares what she values.
    for (const [n, p] of hers.entries()) {
      const kind = n % 4 === 1 ? "odd" : n % 4 === 2 ? "good" : "quiet"
      if (kind === "quiet") continue
      const texts = kind === "odd" ? ODD_NEWS : GOOD_NEWS
      for (const [k, text] of texts.entries()) {
        const when = now - (120 - 25 * k - (n % 10)) * DAY
        const posted = yield* at(when)(feed.publish(p.id, { text })).pipe(Effect.option)
        if (Option.isNone(posted)) continue
        const id = posted.value.post.id
        const react = at(when + 3 * 3_600_000)
        if (kind === "odd") yield* react(feed.flag(sandra.id, id)).pipe(Effect.option)
        else if (k < 2) yield* react(feed.like(sandra.id, id)).pipe(Effect.option)
      }
    }
  })

/**
 * The contact behind the contact, in flight: two of Sandra's contacts who do
 * not know each other ask her to introduce them; she asks one of her
 * contacts to introduce her to one of theirs; a contact recommends to her a
 * member she does not know yet.
 */
const introduce = (
  sandra: { readonly id: string; readonly handle: string },
  people: readonly { readonly id: string; readonly handle: string }[],
  now: number,
) =>
  Effect.gen(function* () {
    const intros = yield* IntroductionService
    const contacts = yield* Contacts
    const hers = new Set(yield* contacts.contactIds(sandra.id))
    const handleOf = new Map(people.map((p) => [p.id, p.handle]))
    const mine = people.filter((p) => hers.has(p.id))
    const WHY = [
      "Sandra, könntest Du mich vorstellen? Ich suche jemanden für Messestände in Köln.",
      "Hallo Sandra, wir planen eine Veranstaltung zum Netzwerken – magst Du uns bekannt machen?",
    ]
    // Asks waiting for her: pairs of her contacts who are not connected.
    let waiting = 0
    for (const [i, asker] of mine.entries()) {
      if (waiting >= 2) break
      const theirs = new Set(yield* contacts.contactIds(asker.id))
      const target = mine.slice(i + 1).find((p) => !theirs.has(p.id))
      if (target === undefined) continue
      const asked = yield* at(now - (3 - waiting) * DAY)(
        intros.ask(asker.id, sandra.handle, target.handle, WHY[waiting] ?? "Bitte"),
      ).pipe(Effect.option)
      if (Option.isSome(asked)) waiting++
    }
    // Her own ask, and a recommendation to her: members known through one of her contacts.
    for (const via of mine.slice(3)) {
      const beyond = (yield* contacts.contactIds(via.id)).filter(
        (id) => id !== sandra.id && !hers.has(id),
      )
      const [target, recommended] = beyond.map((id) => handleOf.get(id) ?? "")
      if (target === undefined || recommended === undefined) continue
      const mineAsked = yield* at(now - 2 * DAY)(
        intros.ask(
          sandra.id,
          via.handle,
          target,
          "Hallo, könntest Du mich vorstellen? Ich würde gerne über Vertriebstrainings sprechen.",
        ),
      ).pipe(Effect.option)
      const told = yield* at(now - DAY)(
        intros.recommend(via.id, recommended, [sandra.handle], "Sandra, Ihr solltet Euch kennen!"),
      ).pipe(Effect.option)
      if (Option.isSome(mineAsked) && Option.isSome(told)) break
    }
  })
