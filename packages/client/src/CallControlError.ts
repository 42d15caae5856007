/**
 * Every way the call-control operations (`fetchCall`, `listCalls`, `updateCall`, `hangUpCall`,
 * `deleteCall`) can fail. The classes `createCall` also uses keep their meaning here
 * (`InvalidRequest`, `TransportError`, `AuthenticationFailed`, `NotFound`, `ApiRejected`,
 * `RateLimited`, `UnexpectedResponse`); three are new:
 *
 * | error | what happened |
 * | --- | --- |
 * | `CallNotFound` | 404 on a call's URL: no call with that sid in this project (never created, or deleted) |
 * | `ServerFailure` | 5xx: SignalWire failed while handling the request (retried first when the operation is idempotent) |
 * | `NoResponse` | sent, and no answer arrived: a timeout or a lost connection (retried first when the operation is idempotent) |
 *
 * Each operation has its own union (`FetchCallError`, ...), so `Effect.catchTags` over it is
 * exhaustive. Like `CreateCallError`, nothing here carries a credential.
 *
 * The three new classes follow the identity pattern described in `CreateCallError`: schema
 * identifiers `@effect-signalwire/client/CallControlError/<tag>`, this module's `TypeId`, and
 * `isCallControlError` for them (the shared classes are recognised by `isCreateCallError`).
 *
 * @since 0.1.0
 */
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as CreateCallError from "./CreateCallError.js"

/**
 * Marks the errors this module defines: `isCallControlError` checks for it.
 *
 * @since 0.1.0
 * @category type ids
 * @example
 * ```ts
 * import { CallControlError } from "@effect-signalwire/client"
 *
 * const error = new CallControlError.CallNotFound({ sid: "f79ba075-e453-4819-8c53-ea499f2386c5", status: 404, detail: "Not Found", errors: [] })
 * assert.strictEqual(CallControlError.TypeId in error, true)
 * ```
 */
export const TypeId: unique symbol = Symbol.for("@effect-signalwire/client/CallControlError")

/**
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

const identifier = (tag: string) => `@effect-signalwire/client/CallControlError/${tag}`

/**
 * Whether a value is one of the errors this module defines (`CallNotFound`, `ServerFailure`,
 * `NoResponse`); the classes shared with `createCall` are recognised by
 * `CreateCallError.isCreateCallError`.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * ```ts
 * import { CallControlError } from "@effect-signalwire/client"
 *
 * const error = new CallControlError.CallNotFound({ sid: "f79ba075-e453-4819-8c53-ea499f2386c5", status: 404, detail: "Not Found", errors: [] })
 * assert.strictEqual(CallControlError.isCallControlError(error), true)
 * // Same tag, not ours.
 * assert.strictEqual(CallControlError.isCallControlError({ _tag: "CallNotFound" }), false)
 * ```
 */
export const isCallControlError = (u: unknown): u is CallNotFound | ServerFailure | NoResponse => Predicate.hasProperty(u, TypeId)

const { _tag: _, ...apiErrorFields } = CreateCallError.ApiRejected.fields

const apiMessage = (what: string, error: { readonly status: number; readonly code?: number | undefined; readonly detail: string }) =>
  `${what} (HTTP ${error.status}${error.code === undefined ? "" : `, code ${error.code}`}): ${error.detail}`

/**
 * 404 on a call's URL: this project has no call with that sid (it never existed here, or it was
 * deleted).
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { CallControlError } from "@effect-signalwire/client"
 *
 * const error = new CallControlError.CallNotFound({ sid: "f79ba075-e453-4819-8c53-ea499f2386c5", status: 404, detail: "Not Found", errors: [] })
 * assert.strictEqual(error.message, "SignalWire has no call f79ba075-e453-4819-8c53-ea499f2386c5 in this project (HTTP 404): Not Found")
 * ```
 */
export class CallNotFound extends Schema.TaggedError<CallNotFound>(identifier("CallNotFound"))("CallNotFound", {
  /** The sid that was asked for. */
  sid: Schema.String,
  ...apiErrorFields
}) {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  override get message(): string {
    return apiMessage(`SignalWire has no call ${this.sid} in this project`, this)
  }
}

/**
 * 5xx: SignalWire failed while handling the request. Idempotent operations retry it first (see
 * the retry table in the guide); a redirect does not, as it may have been applied.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { CallControlError } from "@effect-signalwire/client"
 *
 * const error = new CallControlError.ServerFailure({ status: 503, detail: "Service Unavailable", errors: [], operation: "Fetch Call", attempts: 4 })
 * assert.strictEqual(error.message, "SignalWire failed to handle Fetch Call (HTTP 503): Service Unavailable; 4 attempt(s)")
 * ```
 */
export class ServerFailure extends Schema.TaggedError<ServerFailure>(identifier("ServerFailure"))("ServerFailure", {
  ...apiErrorFields,
  /** The operation, as the API reference names it (`Fetch Call`, `List Calls`, ...). */
  operation: Schema.String,
  /** The call it was about, when there was one. */
  sid: Schema.optional(Schema.String),
  attempts: Schema.Int
}) {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  override get message(): string {
    return `${apiMessage(`SignalWire failed to handle ${this.operation}${this.sid === undefined ? "" : ` of ${this.sid}`}`, this)}; ${this.attempts} attempt(s)`
  }
}

/**
 * The request was sent (or may have been) and no answer arrived: it timed out, or the
 * connection was lost. For a read or a hang-up this is harmless and retried first; for a
 * redirect, the call may have been redirected: fetch it to see.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { CallControlError } from "@effect-signalwire/client"
 *
 * const error = new CallControlError.NoResponse({
 *   reason: "Timeout",
 *   detail: "no answer within 10 seconds",
 *   operation: "Update Call",
 *   sentAt: new Date("2024-05-01T12:00:00Z"),
 *   attempts: 1
 * })
 * assert.ok(error.message.startsWith("No answer from SignalWire to Update Call (Timeout: no answer within 10 seconds)"))
 * ```
 */
export class NoResponse extends Schema.TaggedError<NoResponse>(identifier("NoResponse"))("NoResponse", {
  reason: Schema.Literal("Timeout", "ConnectionLost"),
  detail: Schema.String,
  operation: Schema.String,
  sid: Schema.optional(Schema.String),
  /** When the last attempt was sent. */
  sentAt: Schema.ValidDateFromSelf,
  attempts: Schema.Int
}) {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  override get message(): string {
    return `No answer from SignalWire to ${this.operation}${this.sid === undefined ? "" : ` of ${this.sid}`} (${this.reason}: ${this.detail}) after ${this.attempts} attempt(s), the last sent at ${this.sentAt.toISOString()}`
  }
}

/**
 * Every failure of a call-control operation.
 *
 * @since 0.1.0
 * @category models
 */
export type CallControlError =
  | CreateCallError.InvalidRequest
  | CreateCallError.TransportError
  | CreateCallError.AuthenticationFailed
  | CreateCallError.NotFound
  | CallNotFound
  | CreateCallError.ApiRejected
  | CreateCallError.RateLimited
  | ServerFailure
  | NoResponse
  | CreateCallError.UnexpectedResponse

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CallControlError } from "@effect-signalwire/client"
 *
 * import * as Schema from "effect/Schema"
 *
 * const isCallControlError = Schema.is(CallControlError.CallControlError)
 * assert.strictEqual(isCallControlError(new CallControlError.CallNotFound({ sid: "x", status: 404, detail: "Not Found", errors: [] })), true)
 * assert.strictEqual(isCallControlError(new Error("boom")), false)
 * ```
 */
export const CallControlError: Schema.Union<[
  typeof CreateCallError.InvalidRequest,
  typeof CreateCallError.TransportError,
  typeof CreateCallError.AuthenticationFailed,
  typeof CreateCallError.NotFound,
  typeof CallNotFound,
  typeof CreateCallError.ApiRejected,
  typeof CreateCallError.RateLimited,
  typeof ServerFailure,
  typeof NoResponse,
  typeof CreateCallError.UnexpectedResponse
]> = Schema.Union(
  CreateCallError.InvalidRequest,
  CreateCallError.TransportError,
  CreateCallError.AuthenticationFailed,
  CreateCallError.NotFound,
  CallNotFound,
  CreateCallError.ApiRejected,
  CreateCallError.RateLimited,
  ServerFailure,
  NoResponse,
  CreateCallError.UnexpectedResponse
)

/**
 * How `fetchCall` fails: an unknown sid is a `CallNotFound`.
 *
 * @since 0.1.0
 * @category models
 */
export type FetchCallError = Exclude<CallControlError, CreateCallError.NotFound>

/**
 * How `listCalls` and `listCallsPage` fail (a 404 there means a wrong project or space).
 *
 * @since 0.1.0
 * @category models
 */
export type ListCallsError = Exclude<CallControlError, CallNotFound>

/**
 * How `updateCall` and `hangUpCall` fail. A call that cannot take the update (a redirect of a
 * call that has ended) is an `ApiRejected` (422, code 21220).
 *
 * @since 0.1.0
 * @category models
 */
export type UpdateCallError = Exclude<CallControlError, CreateCallError.NotFound>

/**
 * How `deleteCall` fails. A call that has not ended cannot be deleted: `ApiRejected` (422,
 * code 20009).
 *
 * @since 0.1.0
 * @category models
 */
export type DeleteCallError = Exclude<CallControlError, CreateCallError.NotFound>
