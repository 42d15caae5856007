/**
 * Helpers that give every primitive the same shape: a string refinement with a rule, a
 * message that names the rule and echoes the (bounded) input, and a brand.
 *
 * @internal
 */
import * as Schema from "effect/Schema"

// `String(u)` throws for an object whose `toString` is not a function (`{ "toString": "" }` from a
// JSON body): the message of a broken rule must never become a defect.
const asText = (u: unknown): string => {
  try {
    return String(u)
  } catch {
    return Object.prototype.toString.call(u)
  }
}

/** @internal */
export const show = (u: unknown): string => {
  const text = typeof u === "string" ? JSON.stringify(u) : asText(u)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/** @internal */
export const violates = (rule: string) => (issue: { readonly actual: unknown }) => `must be ${rule} (got ${show(issue.actual)})`

/**
 * Like {@link violates}, but replacing the messages of the schema's parts too: one line naming
 * the rule instead of one per union member or a bare "Expected number".
 *
 * @internal
 */
export const violatesAll = (rule: string) => (issue: { readonly actual: unknown }) => ({
  message: violates(rule)(issue),
  override: true
})

/**
 * A string matching `pattern`; the failure message (for a non-string too) states `rule`.
 *
 * @internal
 */
export const matching = (pattern: RegExp, rule: string) =>
  Schema.String.pipe(Schema.pattern(pattern, { message: violatesAll(rule) }))

/**
 * A closed set of string literals whose failure message lists the allowed values.
 *
 * @internal
 */
export const oneOf = <const Values extends ReadonlyArray<string>>(...values: Values) =>
  Schema.Literal(...values).annotations({
    message: violatesAll(`one of ${values.map((v) => JSON.stringify(v)).join(", ")}`)
  })

/**
 * An integer in `[min, max]`, with a message naming the range.
 *
 * @internal
 */
export const integerBetween = (min: number, max: number) =>
  Schema.Number.pipe(
    Schema.filter((n) => Number.isInteger(n) && n >= min && n <= max, {
      message: violatesAll(`an integer from ${min} to ${max}`),
      arbitrary: () => (fc) => fc.integer({ min, max })
    })
  )

/**
 * A boolean, `true` or `false`; the strings `"true"` / `"false"` are not booleans (only the form
 * codec reads them, from the wire).
 *
 * @internal
 */
export const boolean = Schema.Boolean.annotations({ message: violates("a boolean, true or false") })
