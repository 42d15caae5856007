/**
 * A date as SignalWire writes it, RFC 2822 (`Wed, 19 Sep 2018 20:00:00 +0000`), decoded to a
 * `Date`. Reading is lenient (the docs' own examples write `Sept`, offsets other than +0000
 * occur); writing always yields the canonical GMT form.
 *
 * @since 0.1.0
 */
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { violates } from "./internal/rules.js"

const looksLikeDateTime = (s: string) => /\d{4}/.test(s) && /\d{1,2}:\d{2}/.test(s)

/**
 * Formats a date the way SignalWire does: `Wed, 19 Sep 2018 20:00:00 +0000`.
 *
 * @since 0.1.0
 * @category formatting
 * @example
 * ```ts
 * import { Rfc2822Date } from "@effect-signalwire/schema"
 *
 * assert.strictEqual(Rfc2822Date.format(new Date("2018-09-19T20:00:00Z")), "Wed, 19 Sep 2018 20:00:00 +0000")
 * ```
 */
export const format = (date: Date): string => date.toUTCString().replace(/GMT$/, "+0000")

// Whole seconds between 1970 and 9999: what the wire format can carry.
const WireDate = Schema.ValidDateFromSelf.pipe(
  Schema.filter((date) => date.getTime() % 1000 === 0, {
    arbitrary: () => (fc) => fc.integer({ min: 0, max: 253_402_300_799 }).map((seconds) => new Date(seconds * 1000))
  })
)

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { Rfc2822Date } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.deepStrictEqual(Schema.decodeUnknownSync(Rfc2822Date.Rfc2822Date)("Wed, 19 Sep 2018 20:00:00 +0000"), new Date("2018-09-19T20:00:00Z"))
 * ```
 */
export const Rfc2822Date = Schema.transformOrFail(Schema.String, WireDate, {
  strict: true,
  decode: (text, _options, ast) => {
    const millis = Date.parse(text)
    return looksLikeDateTime(text) && !Number.isNaN(millis)
      ? ParseResult.succeed(new Date(Math.floor(millis / 1000) * 1000))
      : ParseResult.fail(new ParseResult.Type(ast, text, violates("an RFC 2822 date, e.g. Wed, 19 Sep 2018 20:00:00 +0000")({ actual: text })))
  },
  encode: (date) => ParseResult.succeed(format(date))
}).annotations({ identifier: "Rfc2822Date" })
