/**
 * The Call resource SignalWire answers with, decoded from its snake_case JSON into a camelCase
 * value: dates as `Date`, `price` and `duration` as numbers (SignalWire sends numbers, Twilio
 * numeric strings), enums open to values this version does not know yet.
 *
 * Decoding is liberal where the API varies: unknown fields are ignored, and documented fields
 * that older or Twilio-flavoured responses omit decode to `null`. What a caller cannot do
 * without (`sid`, `account_sid`, `to`, `from`, `status`, `direction`, the dates, `uri`) is
 * required. Encoding writes SignalWire's JSON back, so the emulator answers with this schema.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { AnsweredBy } from "./AnsweredBy.js"
import { CallDirection } from "./CallDirection.js"
import { CallStatus } from "./CallStatus.js"
import { Rfc2822Date } from "./Rfc2822Date.js"
import { issuedBy } from "./Sid.js"

const NumberOrNumericString = Schema.Union(Schema.Finite, Schema.compose(Schema.NumberFromString, Schema.Finite))
const IntegerOrNumericString = Schema.Union(Schema.Int, Schema.compose(Schema.NumberFromString, Schema.Int))

// Generated as plain objects keyed like SignalWire's (`recordings`, `notifications`), as JSON.parse
// gives them: fast-check's default records sometimes have a null prototype.
const SubresourceUris = Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) }).annotations({
  arbitrary: () => (fc) =>
    fc.dictionary(fc.stringMatching(/^[a-z][a-z_]{0,15}$/), fc.option(fc.string(), { nil: null }), {
      maxKeys: 4,
      noNullPrototype: true
    })
})

const required = <S extends Schema.Schema.All>(schema: S, key: string) => Schema.propertySignature(schema).pipe(Schema.fromKey(key))

// Nullable in the docs; absent in older or Twilio-flavoured bodies, where it decodes to null.
const nullable = <S extends Schema.Schema.All>(schema: S, key: string) =>
  Schema.optionalWith(Schema.NullOr(schema), { default: () => null }).pipe(Schema.fromKey(key))

/**
 * @since 0.1.0
 * @category schemas
 */
export class Call extends Schema.Class<Call>("Call")({
  sid: required(issuedBy("CallSid"), "sid"),
  accountSid: required(issuedBy("ProjectId"), "account_sid"),
  dateCreated: required(Rfc2822Date, "date_created"),
  dateUpdated: required(Rfc2822Date, "date_updated"),
  parentCallSid: nullable(issuedBy("CallSid"), "parent_call_sid"),
  to: required(Schema.String, "to"),
  formattedTo: nullable(Schema.String, "formatted_to"),
  toFormatted: nullable(Schema.String, "to_formatted"),
  from: required(Schema.String, "from"),
  formattedFrom: nullable(Schema.String, "formatted_from"),
  fromFormatted: nullable(Schema.String, "from_formatted"),
  phoneNumberSid: nullable(issuedBy("PhoneNumberSid"), "phone_number_sid"),
  status: required(CallStatus, "status"),
  startTime: nullable(Rfc2822Date, "start_time"),
  endTime: nullable(Rfc2822Date, "end_time"),
  duration: nullable(IntegerOrNumericString, "duration"),
  price: nullable(NumberOrNumericString, "price"),
  priceUnit: nullable(Schema.String, "price_unit"),
  direction: required(CallDirection, "direction"),
  answeredBy: nullable(AnsweredBy, "answered_by"),
  apiVersion: nullable(Schema.String, "api_version"),
  forwardedFrom: nullable(Schema.String, "forwarded_from"),
  callerName: nullable(Schema.String, "caller_name"),
  uri: required(Schema.String, "uri"),
  subresourceUris: Schema.optionalWith(SubresourceUris, { default: () => ({}) }).pipe(Schema.fromKey("subresource_uris")),
  annotation: nullable(Schema.String, "annotation"),
  groupSid: nullable(Schema.String, "group_sid"),
  audioInMos: nullable(Schema.Finite, "audio_in_mos"),
  sipResultCode: nullable(Schema.String, "sip_result_code"),
  audioRttAvg: nullable(Schema.Int, "audio_rtt_avg"),
  audioRttMin: nullable(Schema.Int, "audio_rtt_min"),
  audioRttMax: nullable(Schema.Int, "audio_rtt_max"),
  audioOutJitterMin: nullable(Schema.Int, "audio_out_jitter_min"),
  audioOutJitterMax: nullable(Schema.Int, "audio_out_jitter_max"),
  audioOutJitterAvg: nullable(Schema.Int, "audio_out_jitter_avg"),
  audioOutLost: nullable(Schema.Int, "audio_out_lost")
}) {}

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
 */
export const decode = Schema.decodeUnknown(Call, { errors: "all" })

/**
 * Encodes a `Call` to SignalWire's JSON.
 *
 * @since 0.1.0
 * @category encoding
 */
export const encode = Schema.encode(Call)
