/**
 * The recording status callback: what SignalWire sends to a call's `RecordingStatusCallback` URL
 * for each recording event the request subscribed to (`RecordingStatusCallbackEvent`: `completed`
 * by default, `in-progress`, `absent`), as `application/x-www-form-urlencoded` fields:
 * `AccountSid`, `CallSid`, `RecordingSid`, `RecordingStatus`, `RecordingUrl`,
 * `RecordingDuration` (seconds), `RecordingChannels` (a count), `RecordingSource` (such as
 * `RecordVerb`, `OutboundAPI`), `RecordingStartTime` (RFC 2822), `ErrorCode`.
 *
 * Decoded to camelCase with numbers and a `Date`. The project, the call, the recording and its
 * status are essential (a status this version does not know is kept as an
 * `UnrecognizedRecordingStatus`); every other field is dropped, not fatal, when it does not fit
 * (and kept as it came in `unreadable`);
 * fields SignalWire may add later are ignored. SignalWire's spec labels the body JSON; it arrives
 * form-encoded like every LaML webhook.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { FormParams } from "./CreateCallForm.js"
import { form, IntFromString } from "./internal/callbackFields.js"
import * as Lenient from "./internal/lenient.js"
import { openEnum } from "./internal/openEnum.js"
import { Rfc2822Date } from "./Rfc2822Date.js"
import { issuedBy } from "./Sid.js"

const RecordingStatusEnum = openEnum("RecordingStatus", [
  "in-progress",
  "completed",
  "absent",
  "failed",
  "queued",
  "paused",
  "resumed",
  "stopped"
])

/**
 * The statuses this version knows: the callback's `in-progress`, `completed`, `absent`, Twilio's
 * `failed`, and the recording resource's other states.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { RecordingStatusCallback } from "@effect-signalwire/schema"
 * import * as Schema from "effect/Schema"
 *
 * console.log(Schema.is(RecordingStatusCallback.KnownRecordingStatus)("completed")) // true
 * ```
 */
export const KnownRecordingStatus = RecordingStatusEnum.known

/**
 * @since 0.1.0
 * @category models
 */
export type KnownRecordingStatus = typeof KnownRecordingStatus.Type

/**
 * @since 0.1.0
 * @category models
 */
export type UnrecognizedRecordingStatus = Schema.Schema.Type<typeof RecordingStatusEnum.unrecognized>

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { RecordingStatusCallback } from "@effect-signalwire/schema"
 * import * as Schema from "effect/Schema"
 *
 * // A status this version does not know is kept, not rejected.
 * console.log(Schema.decodeUnknownSync(RecordingStatusCallback.RecordingStatus)("transcoding"))
 * ```
 */
export const RecordingStatus = RecordingStatusEnum.schema

/**
 * @since 0.1.0
 * @category models
 */
export type RecordingStatus = typeof RecordingStatus.Type

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { RecordingStatusCallback } from "@effect-signalwire/schema"
 * import * as Schema from "effect/Schema"
 *
 * const recording = Schema.decodeUnknownSync(RecordingStatusCallback.RecordingStatusCallback)({
 *   AccountSid: "b3877c40-da60-4998-90ad-b792e98472af",
 *   CallSid: "b3877c40-da60-4998-90ad-b792e98472ca",
 *   RecordingSid: "b3877c40-da60-4998-90ad-b792e98472re",
 *   RecordingStatus: "completed",
 *   RecordingDuration: "not a number" // dropped, not fatal
 * })
 * console.log(recording.recordingStatus, recording.recordingDuration) // "completed" undefined
 * ```
 */
export class RecordingStatusCallback extends Schema.Class<RecordingStatusCallback>("RecordingStatusCallback")(Lenient.struct({
  accountSid: Lenient.essential(issuedBy("ProjectId"), "AccountSid"),
  callSid: Lenient.essential(issuedBy("CallSid"), "CallSid"),
  recordingSid: Lenient.essential(Schema.NonEmptyString, "RecordingSid"),
  recordingStatus: Lenient.essential(RecordingStatus, "RecordingStatus"),
  recordingUrl: Lenient.optional(Schema.NonEmptyString, "RecordingUrl"),
  /** Seconds. */
  recordingDuration: Lenient.optional(IntFromString, "RecordingDuration"),
  /** 1 (mono) or 2 (dual). */
  recordingChannels: Lenient.optional(IntFromString, "RecordingChannels"),
  recordingSource: Lenient.optional(Schema.NonEmptyString, "RecordingSource"),
  recordingStartTime: Lenient.optional(Rfc2822Date, "RecordingStartTime"),
  errorCode: Lenient.optional(Schema.String, "ErrorCode")
})) {}

/**
 * The fields of a callback that must decode, or the delivery is refused (answered 400 by
 * `Webhook.handler`): which call, project and recording it is about, and the recording's status. Any other field that does not fit is left out and kept in the
 * value's `unreadable` list.
 *
 * @since 0.1.0
 * @category models
 * @example
 * ```ts
 * import { RecordingStatusCallback } from "@effect-signalwire/schema"
 *
 * console.log(RecordingStatusCallback.essentialFields.join(", "))
 * ```
 */
export const essentialFields = ["AccountSid", "CallSid", "RecordingSid", "RecordingStatus"] as const

/**
 * Form fields ⇄ `RecordingStatusCallback`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { RecordingStatusCallback } from "@effect-signalwire/schema"
 * import * as Schema from "effect/Schema"
 *
 * const fromBody = (body: string) =>
 *   Schema.decodeUnknown(RecordingStatusCallback.RecordingStatusCallbackForm)(Array.from(new URLSearchParams(body)))
 * ```
 */
export const RecordingStatusCallbackForm: Schema.Schema<RecordingStatusCallback, FormParams> = form(
  RecordingStatusCallback,
  "RecordingStatusCallbackForm"
)

/**
 * The form fields of a callback, ready for an `application/x-www-form-urlencoded` body.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * ```ts
 * import { RecordingStatusCallback } from "@effect-signalwire/schema"
 * import * as Schema from "effect/Schema"
 *
 * const recording = Schema.decodeUnknownSync(RecordingStatusCallback.RecordingStatusCallback)({
 *   AccountSid: "b3877c40-da60-4998-90ad-b792e98472af",
 *   CallSid: "b3877c40-da60-4998-90ad-b792e98472ca",
 *   RecordingSid: "b3877c40-da60-4998-90ad-b792e98472re",
 *   RecordingStatus: "in-progress"
 * })
 * console.log(RecordingStatusCallback.toFormParams(recording))
 * ```
 */
export const toFormParams: (callback: RecordingStatusCallback) => FormParams = Schema.encodeSync(RecordingStatusCallbackForm)

/**
 * Decodes the form fields of a received callback.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * ```ts
 * import { RecordingStatusCallback } from "@effect-signalwire/schema"
 * import * as Effect from "effect/Effect"
 *
 * const callback = RecordingStatusCallback.fromFormParams(Object.entries({
 *   AccountSid: "b3877c40-da60-4998-90ad-b792e98472af",
 *   CallSid: "b3877c40-da60-4998-90ad-b792e98472ca",
 *   RecordingSid: "b3877c40-da60-4998-90ad-b792e98472re",
 *   RecordingStatus: "completed",
 *   RecordingDuration: "94",
 *   RecordingChannels: "1"
 * }))
 * Effect.runPromise(callback).then((recording) => console.log(recording.recordingStatus, recording.recordingDuration))
 * ```
 */
export const fromFormParams: (params: FormParams) => Effect.Effect<RecordingStatusCallback, ParseResult.ParseError> = Schema
  .decodeUnknown(RecordingStatusCallbackForm, { errors: "all" })
