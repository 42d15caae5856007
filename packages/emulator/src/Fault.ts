/**
 * Faults on demand: rules that make the emulator answer API requests the way a stressed or
 * failing SignalWire would, to see how a client copes.
 *
 * - `RateLimited`: 429 with `Retry-After` (code 20429); the request is not processed.
 * - `ServerError`: 500, 502, 503 or 504 (code 20500 / 20503); the request is not processed.
 * - `Delay`: wait, then carry on (with the next matching rule, or the real answer).
 * - `Drop`: read the request, then close the connection without answering. With
 *   `afterProcessing`, the request is processed first (the call is created) and only the
 *   answer is lost: the ambiguous case a client must not blindly retry.
 *
 * A {@link FaultRule} says which requests a fault applies to (an operation, a project, or all)
 * and how many times (by default, every time). Every matching rule applies in the order they
 * were added: delays add up, and the first rule that answers ends the request. `FaultRules`
 * holds the rules in force; `FaultMiddleware` applies them, in front of every route. Rules are plain
 * data: add them from code (`FaultRules.add`) or as JSON to `POST /__emulator/faults`.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Schema from "effect/Schema"

/**
 * The Calls operations, by the name the client gives them.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { Fault } from "@effect-signalwire/emulator"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(Fault.Operation)("createCall"), true)
 * ```
 */
export const Operation = Schema.Literal("createCall", "fetchCall", "listCalls", "updateCall", "deleteCall")

/**
 * @since 0.1.0
 * @category models
 */
export type Operation = typeof Operation.Type

const PositiveInt = Schema.Int.pipe(Schema.positive())
const NonNegativeInt = Schema.Int.pipe(Schema.nonNegative())

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { Fault } from "@effect-signalwire/emulator"
 * import { Schema } from "effect"
 *
 * // The JSON of a fault over HTTP is what the constructors return.
 * assert.deepStrictEqual(Schema.decodeUnknownSync(Fault.Fault)({ _tag: "Drop", afterProcessing: true }), Fault.dropAfterProcessing)
 * ```
 */
export const Fault = Schema.Union(
  Schema.TaggedStruct("RateLimited", { retryAfterSeconds: NonNegativeInt }),
  Schema.TaggedStruct("ServerError", { status: Schema.Literal(500, 502, 503, 504) }),
  Schema.TaggedStruct("Delay", { millis: NonNegativeInt }),
  Schema.TaggedStruct("Drop", { afterProcessing: Schema.Boolean })
).annotations({ identifier: "Fault" })

/**
 * @since 0.1.0
 * @category models
 */
export type Fault = typeof Fault.Type

/**
 * Which requests get a fault, and how many times.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { Fault } from "@effect-signalwire/emulator"
 * import { Schema } from "effect"
 *
 * // POST /__emulator/faults
 * const rule = Schema.decodeUnknownSync(Fault.FaultRule)({ fault: { _tag: "RateLimited", retryAfterSeconds: 1 }, operation: "createCall", times: 2 })
 * assert.strictEqual(rule.times, 2)
 * ```
 */
export const FaultRule = Schema.Struct({
  fault: Fault,
  /** Only this operation (default: every Calls operation). */
  operation: Schema.optional(Operation),
  /** Only requests to this project's `/Accounts/{AccountSid}` (default: every project). */
  projectId: Schema.optional(Schema.String),
  /** Only the next `times` matching requests (default: every one). */
  times: Schema.optional(PositiveInt)
}).annotations({ identifier: "FaultRule" })

/**
 * @since 0.1.0
 * @category models
 */
export interface FaultRule extends Schema.Schema.Type<typeof FaultRule> {}

/**
 * 429 Too Many Requests, with `Retry-After` in seconds (default 1).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Fault } from "@effect-signalwire/emulator"
 *
 * assert.deepStrictEqual(Fault.rateLimited("2 seconds"), { _tag: "RateLimited", retryAfterSeconds: 2 })
 * ```
 */
export const rateLimited = (retryAfter: Duration.DurationInput = "1 second"): Fault => ({
  _tag: "RateLimited",
  retryAfterSeconds: Math.ceil(Duration.toSeconds(retryAfter))
})

/**
 * A 5xx answer (default 500).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Fault } from "@effect-signalwire/emulator"
 *
 * assert.deepStrictEqual(Fault.serverError(503), { _tag: "ServerError", status: 503 })
 * ```
 */
export const serverError = (status: 500 | 502 | 503 | 504 = 500): Fault => ({ _tag: "ServerError", status })

/**
 * Wait before answering.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Fault } from "@effect-signalwire/emulator"
 *
 * assert.deepStrictEqual(Fault.delay("3 seconds"), { _tag: "Delay", millis: 3000 })
 * ```
 */
export const delay = (duration: Duration.DurationInput): Fault => ({
  _tag: "Delay",
  millis: Math.round(Duration.toMillis(duration))
})

/**
 * Read the request, then close the connection: nothing was processed.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Fault } from "@effect-signalwire/emulator"
 *
 * // Reads the request, then closes the connection: the client cannot know more.
 * export const rule: Fault.FaultRule = { fault: Fault.drop, operation: "createCall", times: 1 }
 * ```
 */
export const drop: Fault = { _tag: "Drop", afterProcessing: false }

/**
 * Process the request (the call is created), then close the connection: the answer is lost.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Fault } from "@effect-signalwire/emulator"
 *
 * // The call is created, then the connection closed: an outcome-unknown create to reconcile.
 * export const rule: Fault.FaultRule = { fault: Fault.dropAfterProcessing, operation: "createCall", times: 1 }
 * ```
 */
export const dropAfterProcessing: Fault = { _tag: "Drop", afterProcessing: true }

/**
 * Whether a rule applies to a request.
 *
 * @since 0.1.0
 * @category predicates
 * @example
 * ```ts
 * import { Fault } from "@effect-signalwire/emulator"
 *
 * const rule: Fault.FaultRule = { fault: Fault.drop, operation: "createCall" }
 * assert.strictEqual(Fault.appliesTo(rule, { operation: "createCall", accountSid: "b3877c40-da60-4998-90ad-b792e98472af" }), true)
 * assert.strictEqual(Fault.appliesTo(rule, { operation: "listCalls", accountSid: "b3877c40-da60-4998-90ad-b792e98472af" }), false)
 * ```
 */
export const appliesTo = (rule: FaultRule, request: { readonly operation: Operation; readonly accountSid: string }): boolean =>
  (rule.operation === undefined || rule.operation === request.operation) &&
  (rule.projectId === undefined || rule.projectId === request.accountSid)
