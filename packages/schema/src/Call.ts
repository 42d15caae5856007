/**
 * The Call resource SignalWire answers with, decoded from its snake_case JSON into a camelCase
 * value: dates as `Date`, `price` and `duration` as numbers (SignalWire sends numbers, Twilio
 * numeric strings), enums open to values this version does not know yet.
 *
 * Strict where meaning lives, lenient elsewhere. The essential fields (`sid`, `account_sid`,
 * `date_created`, `to`, `from`, `status`; see {@link essentialFields}) must decode, or the body is
 * not a call. Every other field is lenient: absent, `null` or a value that does not fit its type
 * (`"phone_number_sid": ""`, a number as `caller_name`) decodes to `null` (`subresourceUris` to
 * `{}`), and a value that did not fit is kept in `unreadable` (see `UnreadableField`). Unknown
 * fields are ignored. Dates read RFC 2822 and ISO 8601; numbers read numbers and numeric strings.
 * Encoding is strict and writes SignalWire's JSON back, so the emulator answers with this schema.
 *
 * @since 0.1.0
 */
import type * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { AnsweredBy } from "./AnsweredBy.js"
import { CallDirection } from "./CallDirection.js"
import { CallStatus } from "./CallStatus.js"
import { Rfc2822Date } from "./Rfc2822Date.js"
import * as Lenient from "./internal/lenient.js"
import { issuedBy } from "./Sid.js"

const NumberOrNumericString = /*#__PURE__*/ Schema.Union(Schema.Finite, Schema.compose(Schema.NumberFromString, Schema.Finite))
const IntegerOrNumericString = /*#__PURE__*/ Schema.Union(Schema.Int, Schema.compose(Schema.NumberFromString, Schema.Int))

// Generated as plain objects keyed like SignalWire's (`recordings`, `notifications`), as JSON.parse
// gives them: fast-check's default records sometimes have a null prototype.
const SubresourceUris = /*#__PURE__*/ Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) }).annotations({
  arbitrary: () => (fc) =>
    fc.dictionary(fc.stringMatching(/^[a-z][a-z_]{0,15}$/), fc.option(fc.string(), { nil: null }), {
      maxKeys: 4,
      noNullPrototype: true
    })
})

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { Call } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * // SignalWire's snake_case JSON; the fields it leaves out decode as null.
 * const call = Schema.decodeUnknownSync(Call.Call)({
 *   sid: "b3877c40-da60-4998-90ad-b792e98472ca",
 *   account_sid: "b3877c40-da60-4998-90ad-b792e98472af",
 *   date_created: "Wed, 19 Sep 2018 20:00:00 +0000",
 *   date_updated: "Wed, 19 Sep 2018 20:00:00 +0000",
 *   to: "+13105678901",
 *   from: "+13103384645",
 *   status: "queued",
 *   direction: "outbound-api",
 *   uri: "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls/b3877c40-da60-4998-90ad-b792e98472ca.json"
 * })
 * assert.strictEqual(call.status, "queued")
 * assert.strictEqual(call.startTime, null)
 * ```
 */
export class Call extends Schema.Class<Call>("Call")(Lenient.struct({
  sid: Lenient.essential(issuedBy("CallSid"), "sid"),
  accountSid: Lenient.essential(issuedBy("ProjectId"), "account_sid"),
  dateCreated: Lenient.essential(Rfc2822Date, "date_created"),
  dateUpdated: Lenient.nullable(Rfc2822Date, "date_updated"),
  parentCallSid: Lenient.nullable(issuedBy("CallSid"), "parent_call_sid"),
  to: Lenient.essential(Schema.String, "to"),
  formattedTo: Lenient.nullable(Schema.String, "formatted_to"),
  toFormatted: Lenient.nullable(Schema.String, "to_formatted"),
  from: Lenient.essential(Schema.String, "from"),
  formattedFrom: Lenient.nullable(Schema.String, "formatted_from"),
  fromFormatted: Lenient.nullable(Schema.String, "from_formatted"),
  phoneNumberSid: Lenient.nullable(issuedBy("PhoneNumberSid"), "phone_number_sid"),
  status: Lenient.essential(CallStatus, "status"),
  startTime: Lenient.nullable(Rfc2822Date, "start_time"),
  endTime: Lenient.nullable(Rfc2822Date, "end_time"),
  duration: Lenient.nullable(IntegerOrNumericString, "duration"),
  price: Lenient.nullable(NumberOrNumericString, "price"),
  priceUnit: Lenient.nullable(Schema.String, "price_unit"),
  direction: Lenient.nullable(CallDirection, "direction"),
  answeredBy: Lenient.nullable(AnsweredBy, "answered_by"),
  apiVersion: Lenient.nullable(Schema.String, "api_version"),
  forwardedFrom: Lenient.nullable(Schema.String, "forwarded_from"),
  callerName: Lenient.nullable(Schema.String, "caller_name"),
  uri: Lenient.nullable(Schema.String, "uri"),
  subresourceUris: Lenient.withDefault(SubresourceUris, "subresource_uris", () => ({})),
  annotation: Lenient.nullable(Schema.String, "annotation"),
  groupSid: Lenient.nullable(Schema.String, "group_sid"),
  audioInMos: Lenient.nullable(Schema.Finite, "audio_in_mos"),
  sipResultCode: Lenient.nullable(Schema.String, "sip_result_code"),
  audioRttAvg: Lenient.nullable(Schema.Int, "audio_rtt_avg"),
  audioRttMin: Lenient.nullable(Schema.Int, "audio_rtt_min"),
  audioRttMax: Lenient.nullable(Schema.Int, "audio_rtt_max"),
  audioOutJitterMin: Lenient.nullable(Schema.Int, "audio_out_jitter_min"),
  audioOutJitterMax: Lenient.nullable(Schema.Int, "audio_out_jitter_max"),
  audioOutJitterAvg: Lenient.nullable(Schema.Int, "audio_out_jitter_avg"),
  audioOutLost: Lenient.nullable(Schema.Int, "audio_out_lost")
})) {}

/**
 * The fields of a call that must decode: without them the value means nothing (`sid`), or
 * reconciling a create would go wrong (`account_sid`, `to`, `from`, `date_created`), or the
 * caller acts on it (`status`, an open enum: any string decodes).
 *
 * @since 0.1.0
 * @category models
 * @example
 * ```ts
 * import { Call } from "@effect-signalwire/schema"
 *
 * // The fields a body must have, readable, to be a call.
 * assert.ok(Call.essentialFields.includes("sid"))
 * ```
 */
export const essentialFields = ["sid", "account_sid", "date_created", "to", "from", "status"] as const

/**
 * The snake_case JSON of a call, as SignalWire sends it.
 *
 * @since 0.1.0
 * @category models
 */
export type CallJson = typeof Call.Encoded

/**
 * Decodes a parsed JSON body into a `Call`.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * ```ts
 * import { Call } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * const call = Effect.runSync(Call.decode({
 *   sid: "b3877c40-da60-4998-90ad-b792e98472ca",
 *   account_sid: "b3877c40-da60-4998-90ad-b792e98472af",
 *   date_created: "Wed, 19 Sep 2018 20:00:00 +0000",
 *   date_updated: "Wed, 19 Sep 2018 20:00:00 +0000",
 *   to: "+13105678901",
 *   from: "+13103384645",
 *   status: "queued",
 *   direction: "outbound-api",
 *   uri: "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls/b3877c40-da60-4998-90ad-b792e98472ca.json"
 * }))
 * assert.deepStrictEqual(call.dateCreated, new Date("2018-09-19T20:00:00Z"))
 * ```
 */
export const decode = /*#__PURE__*/ Schema.decodeUnknown(Call, { errors: "all" })

/**
 * Decodes a parsed JSON body into a `Call`, as `decode` does, as an `Either`: each field is read
 * once, by its own schema, and the `Call` made without validating it again (the client decodes
 * every answer this way). A body that is not a call fails with the same `ParseError`, every
 * broken essential field by its path.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * ```ts
 * import { Call } from "@effect-signalwire/schema"
 * import { Either } from "effect"
 *
 * const call = Call.decodeEither({
 *   sid: "b3877c40-da60-4998-90ad-b792e98472ca",
 *   account_sid: "b3877c40-da60-4998-90ad-b792e98472af",
 *   date_created: "Wed, 19 Sep 2018 20:00:00 +0000",
 *   to: "+13105678901",
 *   from: "+13103384645",
 *   status: "queued",
 *   caller_name: 42
 * })
 * assert.ok(Either.isRight(call))
 * // A field that does not fit is dropped and named.
 * assert.deepStrictEqual(call.right.unreadable.map((field) => field.field), ["caller_name"])
 * assert.ok(Either.isLeft(Call.decodeEither({ sid: "not a sid" })))
 * ```
 */
export const decodeEither: (input: unknown) => Either.Either<Call, ParseResult.ParseError> = /*#__PURE__*/ Lenient.decoder(Call)

/**
 * Encodes a `Call` to SignalWire's JSON.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * ```ts
 * import { Call } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * const call = Effect.runSync(Call.decode({
 *   sid: "b3877c40-da60-4998-90ad-b792e98472ca",
 *   account_sid: "b3877c40-da60-4998-90ad-b792e98472af",
 *   date_created: "Wed, 19 Sep 2018 20:00:00 +0000",
 *   date_updated: "Wed, 19 Sep 2018 20:00:00 +0000",
 *   to: "+13105678901",
 *   from: "+13103384645",
 *   status: "queued",
 *   direction: "outbound-api",
 *   uri: "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls/b3877c40-da60-4998-90ad-b792e98472ca.json"
 * }))
 * const json = Effect.runSync(Call.encode(call))
 * assert.strictEqual(json.date_created, "Wed, 19 Sep 2018 20:00:00 +0000")
 * ```
 */
export const encode = /*#__PURE__*/ Schema.encode(Call)
