/**
 * One page of "List all Calls" (`GET /Accounts/{AccountSid}/Calls`): the calls, newest first,
 * and the paging links, decoded from SignalWire's snake_case envelope:
 *
 * ```json
 * { "uri": "...?Page=0&PageSize=50", "first_page_uri": "...", "next_page_uri": null,
 *   "previous_page_uri": null, "page": 0, "page_size": 50, "calls": [ ... ] }
 * ```
 *
 * Links are paths on the API's host (`/api/laml/2010-04-01/Accounts/...`); `nextPageUri` is
 * `null` on the last page (or absent). Twilio's extra envelope fields (`start`, `end`) are ignored.
 *
 * Strict where meaning lives: `calls` and `next_page_uri` must decode; the other fields are
 * lenient (a value that does not fit decodes to `null` and is kept in `unreadable`), and so is
 * every non-essential field of each call.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { Call, decodeEither as decodeCall } from "./Call.js"
import * as Lenient from "./internal/lenient.js"

const NonNegativeInt = Schema.Int.pipe(Schema.nonNegative())

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CallPage } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const page = Schema.decodeUnknownSync(CallPage.CallPage)({
 *   uri: "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls.json?Page=0&PageSize=50",
 *   first_page_uri: "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls.json?Page=0&PageSize=50",
 *   next_page_uri: null,
 *   previous_page_uri: null,
 *   page: 0,
 *   page_size: 50,
 *   calls: []
 * })
 * assert.strictEqual(page.nextPageUri, null)
 * ```
 */
export class CallPage extends Schema.Class<CallPage>("CallPage")(Lenient.struct({
  uri: Lenient.nullable(Schema.String, "uri"),
  firstPageUri: Lenient.nullable(Schema.String, "first_page_uri"),
  // Essential, yet absent means the last page, as before.
  nextPageUri: Lenient.essentialOrNull(Schema.String, "next_page_uri"),
  previousPageUri: Lenient.nullable(Schema.String, "previous_page_uri"),
  page: Lenient.nullable(NonNegativeInt, "page"),
  pageSize: Lenient.nullable(Schema.Int.pipe(Schema.positive()), "page_size"),
  calls: Lenient.essential(Schema.Array(Call), "calls")
})) {}

/**
 * The fields of a page that must decode: the calls (each call lenient in its own non-essential
 * fields, see `Call.essentialFields`) and the link to the next page (a wrong one would end a
 * listing early or loop).
 *
 * @since 0.1.0
 * @category models
 * @example
 * ```ts
 * import { CallPage } from "@effect-signalwire/schema"
 *
 * assert.ok(CallPage.essentialFields.includes("calls"))
 * ```
 */
export const essentialFields = ["calls", "next_page_uri"] as const

/**
 * The snake_case JSON of a page, as SignalWire sends it.
 *
 * @since 0.1.0
 * @category models
 */
export type CallPageJson = typeof CallPage.Encoded

/**
 * Decodes a parsed JSON body into a `CallPage`.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * ```ts
 * import { CallPage } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * const page = Effect.runSync(CallPage.decode({
 *   uri: "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls.json?Page=0&PageSize=50",
 *   first_page_uri: "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls.json?Page=0&PageSize=50",
 *   next_page_uri: null,
 *   previous_page_uri: null,
 *   page: 0,
 *   page_size: 50,
 *   calls: []
 * }))
 * assert.strictEqual(page.pageSize, 50)
 * ```
 */
export const decode = /*#__PURE__*/ Schema.decodeUnknown(CallPage, { errors: "all" })

/**
 * Decodes a parsed JSON page into a `CallPage`, as `decode` does, as an `Either`: each field and
 * each call read once, by its own schema, and nothing validated again (the client decodes every
 * page this way). A body that is not a page fails with the same `ParseError`.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * ```ts
 * import { CallPage } from "@effect-signalwire/schema"
 * import { Either } from "effect"
 *
 * const page = CallPage.decodeEither({ calls: [], next_page_uri: null, page: 0, page_size: 50 })
 * assert.ok(Either.isRight(page))
 * assert.strictEqual(page.right.pageSize, 50)
 * assert.ok(Either.isLeft(CallPage.decodeEither({ next_page_uri: null })))
 * ```
 */
export const decodeEither: (input: unknown) => Either.Either<CallPage, ParseResult.ParseError> = /*#__PURE__*/ Lenient.decoder(CallPage, {
  calls: (calls) => Array.isArray(calls) ? Either.all(calls.map(decodeCall)) : Either.left(calls)
})

/**
 * Encodes a `CallPage` to SignalWire's JSON.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * ```ts
 * import { CallPage } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * const page = Effect.runSync(CallPage.decode({
 *   uri: "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls.json?Page=0&PageSize=50",
 *   first_page_uri: "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls.json?Page=0&PageSize=50",
 *   next_page_uri: null,
 *   previous_page_uri: null,
 *   page: 0,
 *   page_size: 50,
 *   calls: []
 * }))
 * assert.strictEqual(Effect.runSync(CallPage.encode(page)).page_size, 50)
 * ```
 */
export const encode = /*#__PURE__*/ Schema.encode(CallPage)
