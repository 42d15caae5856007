/**
 * The errors of the emulator's engine (`Emulator`), named for the domain: a call that is not
 * there, a call not in a state that allows what was asked, the calls-per-second limit, a call
 * dearer than its `MaxPricePerMinute`. They carry no HTTP status or error body: `EmulatorApp`
 * answers each as SignalWire does.
 *
 * | error | SignalWire's answer |
 * | --- | --- |
 * | `CallNotFound` | 404, code 20404 |
 * | `CallNotInState` (`redirect`) | 422, code 21220 |
 * | `CallNotInState` (`delete`) | 422, code 20009 |
 * | `RateLimited` | 429, code 20429, `Retry-After` |
 * | `PriceExceeded` | 400, code 30010 (Create Call's errors array) |
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * No call of the project has this sid.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { EmulatorError } from "@effect-signalwire/emulator"
 *
 * const error = new EmulatorError.CallNotFound({ projectId: "b3877c40-da60-4998-90ad-b792e98472af", callSid: "CA1" })
 * assert.strictEqual(error.message, "No call CA1 in project b3877c40-da60-4998-90ad-b792e98472af")
 * ```
 */
export class CallNotFound extends Schema.TaggedError<CallNotFound>()("CallNotFound", {
  projectId: Schema.String,
  callSid: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `No call ${this.callSid} in project ${this.projectId}`
  }
}

/**
 * The call's status does not allow the operation: a redirect of a call that has ended, the
 * deletion of one that has not.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { EmulatorError } from "@effect-signalwire/emulator"
 *
 * const error = new EmulatorError.CallNotInState({ callSid: "CA1", status: "completed", operation: "redirect" })
 * assert.strictEqual(error.message, "Call CA1 is completed: it cannot be redirected")
 * ```
 */
export class CallNotInState extends Schema.TaggedError<CallNotInState>()("CallNotInState", {
  callSid: Schema.String,
  status: Schema.String,
  operation: Schema.Literal("redirect", "delete")
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `Call ${this.callSid} is ${this.status}: it cannot be ${this.operation === "redirect" ? "redirected" : "deleted"}`
  }
}

/**
 * The project's creates are beyond `callsPerSecond`; a slot frees in `retryAfterSeconds`.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { EmulatorError } from "@effect-signalwire/emulator"
 *
 * const error = new EmulatorError.RateLimited({ projectId: "b3877c40-da60-4998-90ad-b792e98472af", retryAfterSeconds: 1 })
 * assert.strictEqual(error.retryAfterSeconds, 1)
 * ```
 */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  projectId: Schema.String,
  retryAfterSeconds: Schema.Int
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `Project ${this.projectId} is over its calls-per-second limit: retry after ${this.retryAfterSeconds} s`
  }
}

/**
 * The emulator's price per minute is above the request's `maxPricePerMinute`: no call placed.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { EmulatorError } from "@effect-signalwire/emulator"
 *
 * const error = new EmulatorError.PriceExceeded({ pricePerMinute: 0.0065, maxPricePerMinute: 0.005 })
 * assert.strictEqual(error.message, "A call costs 0.0065 per minute, above the maximum 0.005")
 * ```
 */
export class PriceExceeded extends Schema.TaggedError<PriceExceeded>()("PriceExceeded", {
  pricePerMinute: Schema.Number,
  maxPricePerMinute: Schema.Number
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `A call costs ${this.pricePerMinute} per minute, above the maximum ${this.maxPricePerMinute}`
  }
}

/**
 * Any error of the engine.
 *
 * @since 0.1.0
 * @category errors
 */
export type EmulatorError = CallNotFound | CallNotInState | RateLimited | PriceExceeded
