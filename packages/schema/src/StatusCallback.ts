/**
 * The voice status callback: what SignalWire sends to a call's `StatusCallback` URL for each
 * event the request subscribed to (`StatusCallbackEvent`), as `application/x-www-form-urlencoded`
 * fields with PascalCase names, every value a string:
 *
 * `AccountSid`, `ApiVersion`, `CallSid`, `CallStatus`, `Direction`, `From`, `To`, `Timestamp`
 * (RFC 2822), `SequenceNumber` (from 0, per call), `CallbackSource`, and when they apply
 * `CallDuration` (on the final event), `ParentCallSid`, `CallerName`, `ForwardedFrom`, the
 * recording fields, the SIP result and the audio quality counters.
 *
 * Decoded to camelCase with numbers and a `Date`; fields SignalWire may add later are ignored.
 * The spec lists the audio counters as required, but they only make sense once a call has had
 * audio, so they are optional here. Signed with `X-SignalWire-Signature` (see the emulator's
 * `WebhookSignature`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CallDirection } from "./CallDirection.js"
import { CallStatus } from "./CallStatus.js"
import type { FormParams } from "./CreateCallForm.js"
import { Rfc2822Date } from "./Rfc2822Date.js"
import { issuedBy } from "./Sid.js"

const IntFromString = Schema.compose(Schema.NumberFromString, Schema.Int.pipe(Schema.nonNegative()))
const NumberFromString = Schema.compose(Schema.NumberFromString, Schema.Finite)

const required = <S extends Schema.Schema.Any>(schema: S, key: string) =>
  Schema.propertySignature(schema).pipe(Schema.fromKey(key))

const optional = <S extends Schema.Schema.Any>(schema: S, key: string) =>
  Schema.optionalWith(schema, { exact: true }).pipe(Schema.fromKey(key))

/**
 * @since 0.1.0
 * @category schemas
 */
export class StatusCallback extends Schema.Class<StatusCallback>("StatusCallback")({
  accountSid: required(issuedBy("ProjectId"), "AccountSid"),
  apiVersion: required(Schema.String, "ApiVersion"),
  callSid: required(issuedBy("CallSid"), "CallSid"),
  callStatus: required(CallStatus, "CallStatus"),
  callDuration: optional(IntFromString, "CallDuration"),
  direction: required(CallDirection, "Direction"),
  from: required(Schema.String, "From"),
  to: required(Schema.String, "To"),
  timestamp: required(Rfc2822Date, "Timestamp"),
  sequenceNumber: required(IntFromString, "SequenceNumber"),
  callbackSource: required(Schema.String, "CallbackSource"),
  parentCallSid: optional(issuedBy("CallSid"), "ParentCallSid"),
  callerName: optional(Schema.String, "CallerName"),
  forwardedFrom: optional(Schema.String, "ForwardedFrom"),
  recordingSid: optional(Schema.String, "RecordingSid"),
  recordingUrl: optional(Schema.String, "RecordingUrl"),
  recordingDuration: optional(IntFromString, "RecordingDuration"),
  sipResultCode: optional(Schema.String, "SipResultCode"),
  sipInviteResultPhrase: optional(Schema.String, "SipInviteResultPhrase"),
  audioInMos: optional(NumberFromString, "AudioInMos"),
  audioInAveragePtime: optional(IntFromString, "AudioInAveragePtime"),
  audioInDtmfPacketCount: optional(IntFromString, "AudioInDtmfPacketCount"),
  audioInFlushPacketCount: optional(IntFromString, "AudioInFlushPacketCount"),
  audioInJitterMaxVariance: optional(IntFromString, "AudioInJitterMaxVariance"),
  audioInJitterMinVariance: optional(IntFromString, "AudioInJitterMinVariance"),
  audioInLargestJbSize: optional(IntFromString, "AudioInLargestJbSize"),
  audioInMediaPacketCount: optional(IntFromString, "AudioInMediaPacketCount"),
  audioInSkipPacketCount: optional(IntFromString, "AudioInSkipPacketCount"),
  audioOutDtmfPacketCount: optional(IntFromString, "AudioOutDtmfPacketCount"),
  audioOutMediaPacketCount: optional(IntFromString, "AudioOutMediaPacketCount")
}) {}

/**
 * The form fields by name, as they arrive.
 *
 * @since 0.1.0
 * @category models
 */
export type StatusCallbackFields = typeof StatusCallback.Encoded

const FormFields: Schema.Schema<FormParams> = Schema.Array(Schema.Tuple(Schema.String, Schema.String))

/**
 * Form fields ⇄ `StatusCallback`. Encoding writes the fields in the order of the reference;
 * decoding reads the last value of a field given twice.
 *
 * @since 0.1.0
 * @category schemas
 */
export const StatusCallbackForm: Schema.Schema<StatusCallback, FormParams> = Schema.transform(
  FormFields,
  Schema.Record({ key: Schema.String, value: Schema.String }),
  { strict: true, decode: (params) => Object.fromEntries(params), encode: (fields) => Object.entries(fields) }
).pipe(Schema.compose(StatusCallback, { strict: false })).annotations({ identifier: "StatusCallbackForm" })

/**
 * The form fields of a callback, ready for an `application/x-www-form-urlencoded` body.
 *
 * @since 0.1.0
 * @category encoding
 */
export const toFormParams: (callback: StatusCallback) => FormParams = Schema.encodeSync(StatusCallbackForm)

/**
 * Decodes the form fields of a received callback (e.g. `HttpServerRequest.urlParamsBody`).
 *
 * @since 0.1.0
 * @category decoding
 */
export const fromFormParams = Schema.decodeUnknown(StatusCallbackForm, { errors: "all" })
