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
 * Strict where meaning lives (see {@link essentialFields}); every other field is lenient: a value
 * that does not fit its type is left out and kept in `unreadable`, so an odd field never turns a
 * delivery into a 400 (which SignalWire would count as failed). The spec lists the audio counters
 * as required, but they only make sense once a call has had audio, so they are optional here. Signed with `X-SignalWire-Signature` (see the emulator's
 * `WebhookSignature`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CallDirection } from "./CallDirection.js"
import { CallStatus } from "./CallStatus.js"
import type { FormParams } from "./CreateCallForm.js"
import { Rfc2822Date } from "./Rfc2822Date.js"
import * as Lenient from "./internal/lenient.js"
import { issuedBy } from "./Sid.js"

const IntFromString = Schema.compose(Schema.NumberFromString, Schema.Int.pipe(Schema.nonNegative()))
const NumberFromString = Schema.compose(Schema.NumberFromString, Schema.Finite)

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { StatusCallback } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * const callback = Effect.runSync(StatusCallback.fromFormParams([
 *   ["AccountSid", "b3877c40-da60-4998-90ad-b792e98472af"],
 *   ["ApiVersion", "2010-04-01"],
 *   ["CallSid", "b3877c40-da60-4998-90ad-b792e98472ca"],
 *   ["CallStatus", "completed"],
 *   ["CallDuration", "12"],
 *   ["Direction", "outbound-api"],
 *   ["From", "+13103384645"],
 *   ["To", "+13105678901"],
 *   ["Timestamp", "Wed, 01 May 2024 12:00:00 +0000"],
 *   ["SequenceNumber", "3"],
 *   ["CallbackSource", "call-progress-events"]
 * ]))
 * assert.ok(callback instanceof StatusCallback.StatusCallback)
 * assert.strictEqual(callback.callDuration, 12)
 * ```
 */
export class StatusCallback extends Schema.Class<StatusCallback>("StatusCallback")(Lenient.struct({
  accountSid: Lenient.essential(issuedBy("ProjectId"), "AccountSid"),
  apiVersion: Lenient.optional(Schema.String, "ApiVersion"),
  callSid: Lenient.essential(issuedBy("CallSid"), "CallSid"),
  callStatus: Lenient.essential(CallStatus, "CallStatus"),
  callDuration: Lenient.optional(IntFromString, "CallDuration"),
  direction: Lenient.optional(CallDirection, "Direction"),
  from: Lenient.essential(Schema.String, "From"),
  to: Lenient.essential(Schema.String, "To"),
  timestamp: Lenient.optional(Rfc2822Date, "Timestamp"),
  sequenceNumber: Lenient.essential(IntFromString, "SequenceNumber"),
  callbackSource: Lenient.optional(Schema.String, "CallbackSource"),
  parentCallSid: Lenient.optional(issuedBy("CallSid"), "ParentCallSid"),
  callerName: Lenient.optional(Schema.String, "CallerName"),
  forwardedFrom: Lenient.optional(Schema.String, "ForwardedFrom"),
  recordingSid: Lenient.optional(Schema.String, "RecordingSid"),
  recordingUrl: Lenient.optional(Schema.String, "RecordingUrl"),
  recordingDuration: Lenient.optional(IntFromString, "RecordingDuration"),
  sipResultCode: Lenient.optional(Schema.String, "SipResultCode"),
  sipInviteResultPhrase: Lenient.optional(Schema.String, "SipInviteResultPhrase"),
  audioInMos: Lenient.optional(NumberFromString, "AudioInMos"),
  audioInAveragePtime: Lenient.optional(IntFromString, "AudioInAveragePtime"),
  audioInDtmfPacketCount: Lenient.optional(IntFromString, "AudioInDtmfPacketCount"),
  audioInFlushPacketCount: Lenient.optional(IntFromString, "AudioInFlushPacketCount"),
  audioInJitterMaxVariance: Lenient.optional(IntFromString, "AudioInJitterMaxVariance"),
  audioInJitterMinVariance: Lenient.optional(IntFromString, "AudioInJitterMinVariance"),
  audioInLargestJbSize: Lenient.optional(IntFromString, "AudioInLargestJbSize"),
  audioInMediaPacketCount: Lenient.optional(IntFromString, "AudioInMediaPacketCount"),
  audioInSkipPacketCount: Lenient.optional(IntFromString, "AudioInSkipPacketCount"),
  audioOutDtmfPacketCount: Lenient.optional(IntFromString, "AudioOutDtmfPacketCount"),
  audioOutMediaPacketCount: Lenient.optional(IntFromString, "AudioOutMediaPacketCount")
})) {}

/**
 * The fields of a callback that must decode, or the delivery is refused: which call and
 * project it is about, its status, its parties, and its `SequenceNumber` (what orders and
 * de-duplicates a call's callbacks).
 *
 * @since 0.1.0
 * @category models
 * @example
 * ```ts
 * import { StatusCallback } from "@effect-signalwire/schema"
 *
 * assert.ok(StatusCallback.essentialFields.includes("CallSid"))
 * ```
 */
export const essentialFields = ["AccountSid", "CallSid", "CallStatus", "From", "To", "SequenceNumber"] as const

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
 * @example
 * ```ts
 * import { StatusCallback } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const callback = Schema.decodeUnknownSync(StatusCallback.StatusCallbackForm)([
 *   ["AccountSid", "b3877c40-da60-4998-90ad-b792e98472af"],
 *   ["ApiVersion", "2010-04-01"],
 *   ["CallSid", "b3877c40-da60-4998-90ad-b792e98472ca"],
 *   ["CallStatus", "completed"],
 *   ["CallDuration", "12"],
 *   ["Direction", "outbound-api"],
 *   ["From", "+13103384645"],
 *   ["To", "+13105678901"],
 *   ["Timestamp", "Wed, 01 May 2024 12:00:00 +0000"],
 *   ["SequenceNumber", "3"],
 *   ["CallbackSource", "call-progress-events"]
 * ])
 * assert.strictEqual(callback.sequenceNumber, 3)
 * ```
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
 * @example
 * ```ts
 * import { StatusCallback } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * const callback = Effect.runSync(StatusCallback.fromFormParams([
 *   ["AccountSid", "b3877c40-da60-4998-90ad-b792e98472af"],
 *   ["ApiVersion", "2010-04-01"],
 *   ["CallSid", "b3877c40-da60-4998-90ad-b792e98472ca"],
 *   ["CallStatus", "completed"],
 *   ["CallDuration", "12"],
 *   ["Direction", "outbound-api"],
 *   ["From", "+13103384645"],
 *   ["To", "+13105678901"],
 *   ["Timestamp", "Wed, 01 May 2024 12:00:00 +0000"],
 *   ["SequenceNumber", "3"],
 *   ["CallbackSource", "call-progress-events"]
 * ]))
 * assert.ok(StatusCallback.toFormParams(callback).some(([name, value]) => name === "CallStatus" && value === "completed"))
 * ```
 */
export const toFormParams: (callback: StatusCallback) => FormParams = Schema.encodeSync(StatusCallbackForm)

/**
 * Decodes the form fields of a received callback (e.g. `HttpServerRequest.urlParamsBody`).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * ```ts
 * import { StatusCallback } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * // The fields of a callback POST, as [name, value] pairs.
 * const callback = Effect.runSync(StatusCallback.fromFormParams([
 *   ["AccountSid", "b3877c40-da60-4998-90ad-b792e98472af"],
 *   ["ApiVersion", "2010-04-01"],
 *   ["CallSid", "b3877c40-da60-4998-90ad-b792e98472ca"],
 *   ["CallStatus", "completed"],
 *   ["CallDuration", "12"],
 *   ["Direction", "outbound-api"],
 *   ["From", "+13103384645"],
 *   ["To", "+13105678901"],
 *   ["Timestamp", "Wed, 01 May 2024 12:00:00 +0000"],
 *   ["SequenceNumber", "3"],
 *   ["CallbackSource", "call-progress-events"]
 * ]))
 * assert.strictEqual(callback.callStatus, "completed")
 * assert.deepStrictEqual(callback.timestamp, new Date("2024-05-01T12:00:00Z"))
 * ```
 */
export const fromFormParams = Schema.decodeUnknown(StatusCallbackForm, { errors: "all" })
