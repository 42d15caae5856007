/**
 * Where a call is in its life. `no-answer` appears in status callbacks; a value this library
 * does not know yet still decodes, as an `UnrecognizedCallStatus`.
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"
import { openEnum } from "./internal/openEnum.js"

const CallStatusEnum = openEnum("CallStatus", [
  "queued",
  "initiated",
  "ringing",
  "in-progress",
  "canceled",
  "completed",
  "busy",
  "failed",
  "no-answer"
])

/**
 * The statuses this version knows.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CallStatus } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(CallStatus.KnownCallStatus)("ringing"), true)
 * ```
 */
export const KnownCallStatus = CallStatusEnum.known

/**
 * @since 0.1.0
 * @category models
 */
export type KnownCallStatus = typeof KnownCallStatus.Type

/**
 * A status this version does not know, kept as SignalWire sent it.
 *
 * @since 0.1.0
 * @category models
 */
export type UnrecognizedCallStatus = Schema.Schema.Type<typeof CallStatusEnum.unrecognized>

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CallStatus } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * // A status this version does not know still decodes.
 * assert.strictEqual(Schema.decodeUnknownSync(CallStatus.CallStatus)("transferring"), "transferring")
 * ```
 */
export const CallStatus = CallStatusEnum.schema

/**
 * @since 0.1.0
 * @category models
 */
export type CallStatus = typeof CallStatus.Type

/**
 * @since 0.1.0
 * @category guards
 * @example
 * ```ts
 * import { CallStatus } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownSync(CallStatus.CallStatus)
 * assert.strictEqual(CallStatus.isKnownCallStatus(decode("busy")), true)
 * assert.strictEqual(CallStatus.isKnownCallStatus(decode("transferring")), false)
 * ```
 */
export const isKnownCallStatus: (status: CallStatus) => status is KnownCallStatus = CallStatusEnum.isKnown

/**
 * Statuses after which a call changes no more.
 *
 * @since 0.1.0
 * @category predicates
 * @example
 * ```ts
 * import { CallStatus } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownSync(CallStatus.CallStatus)
 * assert.strictEqual(CallStatus.isFinal(decode("completed")), true)
 * assert.strictEqual(CallStatus.isFinal(decode("ringing")), false)
 * ```
 */
export const isFinal = (status: CallStatus): boolean =>
  status === "completed" || status === "busy" || status === "failed" || status === "no-answer" || status === "canceled"
