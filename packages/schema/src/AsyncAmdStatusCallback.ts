/**
 * The asynchronous answering-machine detection callback: what SignalWire sends to a call's
 * `AsyncAmdStatusCallback` URL once machine detection has decided (a create with
 * `MachineDetection` and `AsyncAmd: true`), as `application/x-www-form-urlencoded` fields:
 * `AccountSid`, `CallSid`, `AnsweredBy` (`human`, `machine`, Twilio's `machine_end_beep`, ...;
 * a value this version does not know is kept as an `UnrecognizedAnsweredBy`) and
 * `MachineDetectionDuration` (milliseconds).
 *
 * Decoded to camelCase with numbers; the project, the call and who answered are essential (the
 * callback fails to decode without them); `MachineDetectionDuration` is dropped, not fatal, when it
 * is not a number, and kept as it came in `unreadable`; fields SignalWire may add later are
 * ignored. Verify its signature with the
 * client's `WebhookSignature` first.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { AnsweredBy } from "./AnsweredBy.js"
import type { FormParams } from "./CreateCallForm.js"
import { form, IntFromString } from "./internal/callbackFields.js"
import * as Lenient from "./internal/lenient.js"
import { issuedBy } from "./Sid.js"

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { AsyncAmdStatusCallback } from "@effect-signalwire/schema"
 * import * as Schema from "effect/Schema"
 *
 * const amd = Schema.decodeUnknownSync(AsyncAmdStatusCallback.AsyncAmdStatusCallback)({
 *   AccountSid: "b3877c40-da60-4998-90ad-b792e98472af",
 *   CallSid: "b3877c40-da60-4998-90ad-b792e98472ca",
 *   AnsweredBy: "human"
 * })
 * console.log(amd.answeredBy) // "human"
 * ```
 */
export class AsyncAmdStatusCallback extends Schema.Class<AsyncAmdStatusCallback>("AsyncAmdStatusCallback")(Lenient.struct({
  accountSid: Lenient.essential(issuedBy("ProjectId"), "AccountSid"),
  callSid: Lenient.essential(issuedBy("CallSid"), "CallSid"),
  answeredBy: Lenient.essential(AnsweredBy, "AnsweredBy"),
  /** How long detection took, in milliseconds. */
  machineDetectionDuration: Lenient.optional(IntFromString, "MachineDetectionDuration")
})) {}

/**
 * The fields of a callback that must decode, or the delivery is refused (answered 400 by
 * `Webhook.handler`): which call and project it is about, and who answered. Any other field that does not fit is left out and kept in the
 * value's `unreadable` list.
 *
 * @since 0.1.0
 * @category models
 * @example
 * ```ts
 * import { AsyncAmdStatusCallback } from "@effect-signalwire/schema"
 *
 * console.log(AsyncAmdStatusCallback.essentialFields.join(", "))
 * ```
 */
export const essentialFields = ["AccountSid", "CallSid", "AnsweredBy"] as const

/**
 * Form fields ⇄ `AsyncAmdStatusCallback`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { AsyncAmdStatusCallback } from "@effect-signalwire/schema"
 * import * as Schema from "effect/Schema"
 *
 * const fromBody = (body: string) =>
 *   Schema.decodeUnknown(AsyncAmdStatusCallback.AsyncAmdStatusCallbackForm)(Array.from(new URLSearchParams(body)))
 * ```
 */
export const AsyncAmdStatusCallbackForm: Schema.Schema<AsyncAmdStatusCallback, FormParams> = form(
  AsyncAmdStatusCallback,
  "AsyncAmdStatusCallbackForm"
)

/**
 * The form fields of a callback, ready for an `application/x-www-form-urlencoded` body.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * ```ts
 * import { AsyncAmdStatusCallback } from "@effect-signalwire/schema"
 * import * as Schema from "effect/Schema"
 *
 * const amd = Schema.decodeUnknownSync(AsyncAmdStatusCallback.AsyncAmdStatusCallback)({
 *   AccountSid: "b3877c40-da60-4998-90ad-b792e98472af",
 *   CallSid: "b3877c40-da60-4998-90ad-b792e98472ca",
 *   AnsweredBy: "machine_end_beep",
 *   MachineDetectionDuration: "3120"
 * })
 * console.log(new URLSearchParams(AsyncAmdStatusCallback.toFormParams(amd).map(([k, v]) => [k, v])).toString())
 * ```
 */
export const toFormParams: (callback: AsyncAmdStatusCallback) => FormParams = Schema.encodeSync(AsyncAmdStatusCallbackForm)

/**
 * Decodes the form fields of a received callback.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * ```ts
 * import { AsyncAmdStatusCallback } from "@effect-signalwire/schema"
 * import * as Effect from "effect/Effect"
 *
 * const callback = AsyncAmdStatusCallback.fromFormParams([
 *   ["AccountSid", "b3877c40-da60-4998-90ad-b792e98472af"],
 *   ["CallSid", "b3877c40-da60-4998-90ad-b792e98472ca"],
 *   ["AnsweredBy", "machine_end_beep"],
 *   ["MachineDetectionDuration", "3120"]
 * ])
 * Effect.runPromise(callback).then((amd) => console.log(amd.answeredBy, amd.machineDetectionDuration))
 * ```
 */
export const fromFormParams: (params: FormParams) => Effect.Effect<AsyncAmdStatusCallback, ParseResult.ParseError> = Schema
  .decodeUnknown(AsyncAmdStatusCallbackForm, { errors: "all" })
