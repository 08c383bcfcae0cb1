/**
 * German and English: every string the app shows comes from the message
 * files (de.ts, en.ts). The language is picked from the browser, can be
 * switched at any time, and is remembered on this device.
 */
import * as i18n from "@solid-primitives/i18n"
import {
  createContext,
  createEffect,
  createMemo,
  createSignal,
  type JSX,
  useContext,
} from "solid-js"
import { de } from "./de.js"
import { en } from "./en.js"

export type Locale = "de" | "en"
export const LOCALES: readonly Locale[] = ["de", "en"]

const dictionaries = { de: i18n.flatten(de), en: i18n.flatten(en) }
const STORAGE_KEY = "kontakt.locale"

/** The language of the browser's first preference we speak, else German's neighbour: English. */
export const detectLocale = (
  languages: readonly string[] = typeof navigator === "undefined" ? [] : navigator.languages,
  stored: string | null = typeof localStorage === "undefined"
    ? null
    : localStorage.getItem(STORAGE_KEY),
): Locale => {
  if (stored === "de" || stored === "en") return stored
  for (const language of languages) {
    const base = language.toLowerCase().slice(0, 2)
    if (base === "de" || base === "en") return base
  }
  return "en"
}

const makeI18n = (initial: Locale) => {
  const [locale, setLocaleSignal] = createSignal<Locale>(initial)
  const dict = createMemo(() => dictionaries[locale()])
  const t = i18n.translator(dict, i18n.resolveTemplate)
  const tag = () => (locale() === "de" ? "de-DE" : "en-GB")
  return {
    t,
    locale,
    setLocale: (next: Locale) => {
      setLocaleSignal(next)
      if (typeof localStorage !== "undefined") localStorage.setItem(STORAGE_KEY, next)
    },
    /** A date as people of this language write it. */
    date: (iso: string | Date) =>
      new Intl.DateTimeFormat(tag(), { dateStyle: "medium" }).format(new Date(iso)),
    /** A date with its time of day, as people of this language write it. */
    dateTime: (iso: string | Date) =>
      new Intl.DateTimeFormat(tag(), { dateStyle: "medium", timeStyle: "short" }).format(
        new Date(iso),
      ),
    /** A number with this language's separators. */
    number: (n: number, digits = 0) =>
      new Intl.NumberFormat(tag(), { maximumFractionDigits: digits }).format(n),
    /** "A, B and C" as this language joins names. */
    listOf: (names: readonly string[]) =>
      new Intl.ListFormat(tag(), { style: "long", type: "conjunction" }).format(names),
    /** A share as a percentage. */
    percent: (share: number) =>
      new Intl.NumberFormat(tag(), { style: "percent", maximumFractionDigits: 1 }).format(share),
  }
}

export type I18n = ReturnType<typeof makeI18n>
const I18nContext = createContext<I18n>()

export const I18nProvider = (props: { locale?: Locale; children: JSX.Element }) => {
  const value = makeI18n(props.locale ?? detectLocale())
  createEffect(() => {
    if (typeof document !== "undefined") document.documentElement.lang = value.locale()
  })
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>
}

export const useI18n = (): I18n => {
  const value = useContext(I18nContext)
  if (value === undefined) throw new Error("useI18n outside I18nProvider")
  return value
}
