/**
 * fast-check arbitraries from the OpenAPI document's JSON schemas: values
 * the schema accepts ("valid-shaped"), values it refuses, and hostile
 * strings (injections, traversal, control and direction characters, huge).
 */
import fc from "fast-check"

// biome-ignore lint/suspicious/noExplicitAny: JSON schemas are untyped documents
type Schema = any

export const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE members; --",
  '"); DELETE FROM contacts; --',
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "../../../../etc/passwd",
  "..%2f..%2f..%2fetc%2fpasswd",
  "%00",
  "\u0000",
  "\u202eevil\u202c",
  "\u200b\u200b\u200b",
  "\ud800",
  "😀".repeat(100),
  "a".repeat(10_000),
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  "${7*7}{{7*7}}",
  "\r\nSet-Cookie: x=1",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "0x7fffffff",
  "Ω≈ç√∫˜µ≤≥÷",
  "",
  " ",
] as const

export const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
)

const resolve = (s: Schema, doc: Schema): Schema => {
  if (s?.$ref === undefined) return s
  const path = String(s.$ref).replace(/^#\//, "").split("/")
  return resolve(
    path.reduce((node: Schema, key: string) => node?.[key], doc),
    doc,
  )
}

// Our patterns are character classes repeated; give them their lengths so generation does not filter.
const patternWithLength = (pattern: string, min: number, max: number) =>
  new RegExp(pattern.replace(/\+\$$/, `{${min},${max}}$`))

/**
 * What a property's name says that its JSON schema cannot (a link is an
 * http URL, a recipient is an existing handle): arbitraries by name, which
 * let valid-shaped requests get past the rules zod checks with refinements.
 */
export type Hints = Readonly<Record<string, fc.Arbitrary<unknown>>>

/** Values the schema accepts. */
export const valid = (
  schema: Schema,
  doc: Schema,
  depth = 0,
  hints: Hints = {},
): fc.Arbitrary<unknown> => {
  const s = resolve(schema, doc)
  if (s === undefined || s === null || depth > 6) return fc.constant(null)
  if (s.const !== undefined) return fc.constant(s.const)
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum)
  const alternatives = s.oneOf ?? s.anyOf
  if (Array.isArray(alternatives))
    return fc.oneof(...alternatives.map((x: Schema) => valid(x, doc, depth + 1, hints)))
  if (Array.isArray(s.allOf))
    return fc
      .tuple(...s.allOf.map((x: Schema) => valid(x, doc, depth + 1, hints)))
      .map((parts) => Object.assign({}, ...parts.filter((p) => typeof p === "object")))
  const types: string[] = Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type]
  if (types.length > 1)
    return fc.oneof(...types.map((type) => valid({ ...s, type }, doc, depth, hints)))
  switch (types[0]) {
    case "null":
      return fc.constant(null)
    case "boolean":
      return fc.boolean()
    case "integer":
      return fc.integer({ min: s.minimum ?? -1_000, max: s.maximum ?? 1_000_000 })
    case "number":
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true })
    case "string": {
      const min = s.minLength ?? 0
      const max = Math.min(s.maxLength ?? 200, 400)
      if (s.format === "date-time")
        return fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
      if (typeof s.pattern === "string")
        return fc.stringMatching(patternWithLength(s.pattern, min, max))
      return fc.string({ minLength: min, maxLength: Math.max(min, max) })
    }
    case "array":
      return fc.array(valid(s.items ?? {}, doc, depth + 1, hints), {
        maxLength: Math.min(s.maxItems ?? 4, 4),
      })
    case "object": {
      const properties: Record<string, Schema> = s.properties ?? {}
      const required: string[] = s.required ?? []
      return fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([k, v]) => [
            k,
            hints[k] ?? valid(v, doc, depth + 1, hints),
          ]),
        ),
        { requiredKeys: required },
      )
    }
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

/** Values the schema refuses, or that stress it: wrong types, missing or extra fields, hostile strings. */
export const invalid = (schema: Schema, doc: Schema): fc.Arbitrary<unknown> => {
  const s = resolve(schema, doc)
  const wrongType = fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.boolean(),
    hostileString,
    fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  )
  if (s?.type !== "object" || s.properties === undefined) return fc.oneof(wrongType, fc.jsonValue())
  const keys = Object.keys(s.properties)
  return fc.oneof(
    wrongType,
    // A field of the wrong type or a hostile string.
    fc
      .tuple(valid(s, doc), fc.constantFrom(...keys), fc.oneof(wrongType, hostileString))
      .map(([v, k, bad]) => ({ ...(v as object), [k]: bad })),
    // A required field missing.
    fc.tuple(valid(s, doc), fc.constantFrom(...keys)).map(([v, k]) => {
      const copy = { ...(v as Record<string, unknown>) }
      delete copy[k]
      return copy
    }),
    // A field nobody asked for.
    fc.tuple(valid(s, doc), fc.string({ minLength: 1, maxLength: 20 })).map(([v, k]) => ({
      ...(v as object),
      [`x-${k}`]: "extra",
      __proto__: { polluted: true },
    })),
  )
}
