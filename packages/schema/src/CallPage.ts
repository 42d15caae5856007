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
 * `null` on the last page. Twilio's extra envelope fields (`start`, `end`) are ignored.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Call } from "./Call.js"

const NonNegativeInt = Schema.Int.pipe(Schema.nonNegative())

/**
 * @since 0.1.0
 * @category schemas
 */
export class CallPage extends Schema.Class<CallPage>("CallPage")({
  uri: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("uri")),
  firstPageUri: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("first_page_uri")),
  nextPageUri: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }).pipe(
    Schema.fromKey("next_page_uri")
  ),
  previousPageUri: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }).pipe(
    Schema.fromKey("previous_page_uri")
  ),
  page: Schema.propertySignature(NonNegativeInt).pipe(Schema.fromKey("page")),
  pageSize: Schema.propertySignature(Schema.Int.pipe(Schema.positive())).pipe(Schema.fromKey("page_size")),
  calls: Schema.propertySignature(Schema.Array(Call)).pipe(Schema.fromKey("calls"))
}) {}

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
 */
export const decode = Schema.decodeUnknown(CallPage, { errors: "all" })

/**
 * Encodes a `CallPage` to SignalWire's JSON.
 *
 * @since 0.1.0
 * @category encoding
 */
export const encode = Schema.encode(CallPage)
