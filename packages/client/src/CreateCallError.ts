/**
 * Every way `createCall` can fail, one `Schema.TaggedError` per thing a caller would handle
 * differently, so `Effect.catchTags` over `CreateCallError` is exhaustive.
 *
 * | error | what happened | was the call placed? |
 * | --- | --- | --- |
 * | `InvalidRequest` | the input broke a rule; nothing was sent | no |
 * | `TransportError` | the request never left (connection refused, DNS, TLS handshake or certificate) | no |
 * | `AuthenticationFailed` | 401 / 403: wrong project id or token | no |
 * | `NotFound` | 404: no such resource (a space URL that points elsewhere) | no |
 * | `ApiRejected` | 400 / 422 (and other 4xx): SignalWire refused the request | no |
 * | `RateLimited` | 429: too many calls; not processed | no |
 * | `ServerError` | 5xx: SignalWire failed while handling it | unknown |
 * | `OutcomeUnknown` | sent, but no answer arrived (timeout, connection lost) | unknown |
 * | `PlacedButUnreadable` | a 2xx whose body cannot be read as a call (its sid, if any, is kept) | **yes** |
 * | `UnexpectedResponse` | an answer that is not SignalWire's (a 1xx or 3xx status) | unknown |
 *
 * Errors carry no credentials: neither the auth token nor the `Authorization` header are kept,
 * and a request's SIP password stays `Redacted`. No error keeps the platform's `RequestError`
 * (it holds the request and its headers): causes are kept as text in `detail`. Every class is
 * constructible in tests.
 *
 * Identity, the pattern for every error module of this package (as `@effect/ai`'s `AiError`):
 * - the module exports a `TypeId` symbol, `Symbol.for("@effect-signalwire/client/<Module>")`;
 * - each class is `Schema.TaggedError<Self>("@effect-signalwire/client/<Module>/<Tag>")("<Tag>", fields)`
 *   (a namespaced schema identifier, so that encoded errors, JSON Schema and logs never collide
 *   with another library's `NotFound`), with `readonly [TypeId]: TypeId = TypeId` in its body;
 * - the module exports a guard `is<Module>` that checks for `TypeId`, and a per-class guard
 *   (`isNotFound`) only where a caller outside `catchTags` needs one;
 * - the short `_tag` stays the class name, so `Effect.catchTags` code does not change.
 *
 * @since 0.1.0
 */
import * as ApiErrorBody from "@effect-signalwire/schema/ApiErrorBody"
import * as CreateCallRequest from "@effect-signalwire/schema/CreateCallRequest"
import * as Duration from "effect/Duration"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import type * as SchemaAST from "effect/SchemaAST"

/**
 * Marks every error of this module: `isCreateCallError` checks for it.
 *
 * @since 0.1.0
 * @category type ids
 * @example
 * ```ts
 * import { CreateCallError } from "@effect-signalwire/client"
 *
 * const error = new CreateCallError.ApiRejected({ status: 400, detail: "bad", errors: [] })
 * assert.strictEqual(CreateCallError.TypeId in error, true)
 * ```
 */
export const TypeId: unique symbol = Symbol.for("@effect-signalwire/client/CreateCallError")

/**
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

const identifier = (tag: string) => `@effect-signalwire/client/CreateCallError/${tag}`

/**
 * One broken rule of the input: the path of the field (`["statusCallback"]`, `[]` for a rule
 * about the whole request) and what the rule is.
 *
 * @since 0.1.0
 * @category models
 * @example
 * ```ts
 * import { CreateCallError } from "@effect-signalwire/client"
 *
 * const violation = new CreateCallError.Violation({ path: ["to"], message: "must be an E.164 phone number" })
 * assert.deepStrictEqual(violation.path, ["to"])
 * ```
 */
export class Violation extends Schema.Class<Violation>(identifier("Violation"))({
  path: Schema.Array(Schema.Union(Schema.String, Schema.Number)),
  message: Schema.String
}) {}

const describe = (violation: Violation): string =>
  violation.path.length === 0 ? violation.message : `${violation.path.join(".")}: ${violation.message}`

/**
 * The input broke one or more of the request's rules. Nothing was sent.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { CreateCallError } from "@effect-signalwire/client"
 *
 * // Constructible, for your own tests.
 * const error = new CreateCallError.InvalidRequest({ violations: [new CreateCallError.Violation({ path: ["timeout"], message: "must be an integer from 1 to 600 (got 0)" })] })
 * assert.strictEqual(error.message, "Invalid Create Call request: timeout: must be an integer from 1 to 600 (got 0)")
 * ```
 */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>(identifier("InvalidRequest"))("InvalidRequest", {
  violations: Schema.NonEmptyArray(Violation),
  /** The request it was meant for, as the API reference names it (default `Create Call`). */
  operation: Schema.optional(Schema.String)
}) {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  override get message(): string {
    return `Invalid ${this.operation ?? "Create Call"} request: ${this.violations.map(describe).join("; ")}`
  }
}

/**
 * The request never left this process: the connection was refused, the host name did not
 * resolve, the connection could not be set up in time, the TLS handshake failed or the server's
 * certificate was rejected, or the request could not be built. Safe to retry (`reason: "Connect"`
 * is retried by the default policy; `"Tls"` is not, as retrying does not fix a certificate).
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { CreateCallError } from "@effect-signalwire/client"
 *
 * // Constructible, for your own tests.
 * const error = new CreateCallError.TransportError({ reason: "Connect", code: "ECONNREFUSED", detail: "connect ECONNREFUSED 10.0.0.1:443", attempts: 4 })
 * assert.strictEqual(error._tag, "TransportError")
 * ```
 */
export class TransportError extends Schema.TaggedError<TransportError>(identifier("TransportError"))("TransportError", {
  /**
   * `Connect`: the connection was refused or the host did not resolve (retried by the default
   * policy). `Tls`: the TLS handshake failed or the certificate was rejected (not retried: a bad
   * certificate does not heal). `InvalidUrl`, `Encode`: the request could not be built.
   */
  reason: Schema.Literal("Connect", "Tls", "InvalidUrl", "Encode"),
  /** The system error code found in the cause chain, such as `ECONNREFUSED`. */
  code: Schema.optional(Schema.String),
  detail: Schema.String,
  attempts: Schema.Int
}) {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  override get message(): string {
    return `The request to SignalWire was not sent (${this.reason}${
      this.code === undefined ? "" : `, ${this.code}`
    }): ${this.detail}; ${this.attempts} attempt(s)`
  }
}

const apiErrorFields = {
  /** The HTTP status of the answer. */
  status: Schema.Int,
  /** SignalWire's error code (`21205`, `20003`, ...) when the body has one. */
  code: Schema.optional(Schema.Int),
  /** SignalWire's explanation, or a description of the HTTP status when the body has none. */
  detail: Schema.String,
  /** A link to SignalWire's documentation of `code`. */
  moreInfo: Schema.optional(Schema.String),
  /** Every error the body listed (SignalWire lists one per broken rule). */
  errors: Schema.Array(ApiErrorBody.ApiErrorDetail)
}

const apiMessage = (what: string, error: { readonly status: number; readonly code?: number | undefined; readonly detail: string }) =>
  `${what} (HTTP ${error.status}${error.code === undefined ? "" : `, code ${error.code}`}): ${error.detail}`

/**
 * 401 or 403: the project id or the API token is wrong (a project id the space does not know
 * is a 401 too), or the token lacks the permission.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { CreateCallError } from "@effect-signalwire/client"
 *
 * // Constructible, for your own tests.
 * const error = new CreateCallError.AuthenticationFailed({ status: 401, code: 20003, detail: "Authentication failed", errors: [] })
 * assert.strictEqual(error.message, "SignalWire did not accept the credentials (HTTP 401, code 20003): Authentication failed")
 * ```
 */
export class AuthenticationFailed extends Schema.TaggedError<AuthenticationFailed>(identifier("AuthenticationFailed"))("AuthenticationFailed", apiErrorFields) {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  override get message(): string {
    return apiMessage("SignalWire did not accept the credentials", this)
  }
}

/**
 * 404: no such resource. With a valid path this means the space URL points at something other
 * than SignalWire's API (a wrong project id is a 401, `AuthenticationFailed`).
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { CreateCallError } from "@effect-signalwire/client"
 *
 * // Constructible, for your own tests.
 * const error = new CreateCallError.NotFound({ status: 404, code: 20404, detail: "The requested resource was not found", errors: [] })
 * assert.strictEqual(error._tag, "NotFound")
 * ```
 */
export class NotFound extends Schema.TaggedError<NotFound>(identifier("NotFound"))("NotFound", apiErrorFields) {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  override get message(): string {
    return apiMessage("SignalWire found no such resource: check the space URL", this)
  }
}

/**
 * 400, 422 or another 4xx: SignalWire refused the request (an unverified caller id, a number it
 * cannot call, a price cap...). Not processed; sending it again fails again.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { CreateCallError } from "@effect-signalwire/client"
 *
 * // Constructible, for your own tests.
 * const error = new CreateCallError.ApiRejected({ status: 422, detail: "Validation error message", errors: [] })
 * assert.strictEqual(error.message, "SignalWire rejected the request (HTTP 422): Validation error message")
 * ```
 */
export class ApiRejected extends Schema.TaggedError<ApiRejected>(identifier("ApiRejected"))("ApiRejected", apiErrorFields) {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  override get message(): string {
    return apiMessage("SignalWire rejected the request", this)
  }
}

// "2 s", "0.5 s": what a person reads (a Duration's toString is "Duration(2s)").
const seconds = (duration: Duration.Duration) => `${Math.round(Duration.toMillis(duration)) / 1000} s`

/**
 * 429: too many requests. Not processed (SignalWire's documented meaning), so safe to retry
 * after `retryAfter` (from the `Retry-After` header, when present).
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { CreateCallError } from "@effect-signalwire/client"
 * import { Duration } from "effect"
 *
 * // Constructible, for your own tests.
 * const error = new CreateCallError.RateLimited({ status: 429, code: 20429, detail: "Too Many Requests", errors: [], retryAfter: Duration.seconds(2), headers: { "retry-after": "2" }, attempts: 4 })
 * assert.strictEqual(error.message, "SignalWire is rate limiting this project (HTTP 429, code 20429): Too Many Requests; retry after 2 s; 4 attempt(s)")
 * ```
 */
export class RateLimited extends Schema.TaggedError<RateLimited>(identifier("RateLimited"))("RateLimited", {
  ...apiErrorFields,
  retryAfter: Schema.optional(Schema.DurationFromSelf),
  headers: Schema.Record({ key: Schema.String, value: Schema.String }),
  attempts: Schema.Int
}) {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  override get message(): string {
    const wait = this.retryAfter === undefined ? "no Retry-After" : `retry after ${seconds(this.retryAfter)}`
    return `${apiMessage("SignalWire is rate limiting this project", this)}; ${wait}; ${this.attempts} attempt(s)`
  }
}

// The decoded request as it is, on both sides: encoding an error (to log it as JSON or send it
// to another process) must not unwrap the SIP password, as `CreateCallRequest`'s encoding does.
const passThrough = () => (input: unknown, _options: unknown, ast: SchemaAST.AST) =>
  CreateCallRequest.isCreateCallRequest(input) ? ParseResult.succeed(input) : ParseResult.fail(new ParseResult.Type(ast, input))

// `CreateCallRequest` is a type parameter only so that tests can generate errors: its generator
// reaches the annotation without this module importing `effect/Arbitrary` (and fast-check).
const SentRequest = Schema.declare([CreateCallRequest.CreateCallRequest], { decode: passThrough, encode: passThrough }, {
  identifier: "SentRequest",
  arbitrary: (request) => request,
  equivalence: () => Schema.equivalence(CreateCallRequest.CreateCallRequest)
})

const reconcileFields = {
  /** The request that was sent (its SIP password still `Redacted`). */
  request: SentRequest,
  /** When the last attempt was sent: list calls to `to` created since then to reconcile. */
  sentAt: Schema.ValidDateFromSelf,
  /** How many times the request was sent. */
  attempts: Schema.Int
}

/**
 * 5xx: SignalWire failed while handling the request. The call may or may not have been placed,
 * so it is not retried by default: reconcile with `request` and `sentAt` (see the errors guide).
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { CreateCallError } from "@effect-signalwire/client"
 * import { CreateCallRequest } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * const request = Effect.runSync(CreateCallRequest.decode({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }))
 * const error = new CreateCallError.ServerError({ status: 503, detail: "Service Unavailable", errors: [], request, sentAt: new Date(), attempts: 1 })
 * assert.ok(error.message.endsWith("the call may have been placed"))
 * ```
 */
export class ServerError extends Schema.TaggedError<ServerError>(identifier("ServerError"))("ServerError", {
  ...apiErrorFields,
  ...reconcileFields
}) {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  override get message(): string {
    return `${apiMessage("SignalWire failed to handle the request", this)}; the call may have been placed`
  }
}

/**
 * The request was sent (or may have been) and no answer arrived: the request timed out, or the
 * connection was lost. The call may or may not have been placed: it is never retried by
 * default; reconcile with `request` and `sentAt`.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { CreateCallError } from "@effect-signalwire/client"
 * import { CreateCallRequest } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * const request = Effect.runSync(CreateCallRequest.decode({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }))
 * const error = new CreateCallError.OutcomeUnknown({ reason: "Timeout", detail: "no answer within 15 seconds", request, sentAt: new Date(), attempts: 1 })
 * // What a reconciliation needs: what was sent, and when.
 * assert.strictEqual(error.request.to, "+13105678901")
 * ```
 */
export class OutcomeUnknown extends Schema.TaggedError<OutcomeUnknown>(identifier("OutcomeUnknown"))("OutcomeUnknown", {
  reason: Schema.Literal("Timeout", "ConnectionLost"),
  detail: Schema.String,
  ...reconcileFields
}) {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  override get message(): string {
    return `No answer from SignalWire (${this.reason}: ${this.detail}) after ${this.attempts} attempt(s), the last sent at ${this.sentAt.toISOString()}; the call may have been placed`
  }
}

/**
 * SignalWire answered the create with a success status (2xx), so **the call was placed**, but the
 * body did not yield a call: not JSON, cut off, or missing an essential field (`sid`, `to`,
 * `from`, `status`, ...). `sid` holds the call's sid when any part of the body gives it.
 *
 * Never retried by any default policy: sending the request again would place a second call.
 * Find the call with `findCreatedCalls(error)` (it reads `request` and `sentAt`), or fetch it by
 * `sid` when there is one.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { CreateCallError } from "@effect-signalwire/client"
 * import { CreateCallRequest } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * const request = Effect.runSync(CreateCallRequest.decode({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }))
 * const error = new CreateCallError.PlacedButUnreadable({
 *   status: 201,
 *   sid: "b3877c40-da60-4998-90ad-b792e98472ca",
 *   contentType: "application/json",
 *   bodySnippet: "{\"sid\": \"b3877c40-da60-4998-90ad-b792e98472ca\", \"to\":",
 *   detail: "the body is cut off",
 *   request,
 *   sentAt: new Date(),
 *   attempts: 1
 * })
 * // Placed: never send it again.
 * assert.ok(error.message.startsWith("SignalWire placed the call (HTTP 201, sid b3877c40-da60-4998-90ad-b792e98472ca)"))
 * ```
 */
export class PlacedButUnreadable extends Schema.TaggedError<PlacedButUnreadable>(identifier("PlacedButUnreadable"))("PlacedButUnreadable", {
  /** The HTTP status of the answer (2xx). */
  status: Schema.Int,
  /** The call's sid, when any part of the body gives it. */
  sid: Schema.optional(Schema.String),
  contentType: Schema.optional(Schema.String),
  /** The start of the body (at most 512 characters). */
  bodySnippet: Schema.String,
  /** Why the body could not be read. */
  detail: Schema.String,
  ...reconcileFields
}) {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  override get message(): string {
    return `SignalWire placed the call (HTTP ${this.status}${
      this.sid === undefined ? ", sid not readable" : `, sid ${this.sid}`
    }) but its answer could not be read: ${this.detail}. Do not send the request again; reconcile with findCreatedCalls(error)${
      this.sid === undefined ? "" : " or fetch the call by its sid"
    }`
  }
}

/**
 * An answer that is not what SignalWire sends to a create: a redirect, an informational status.
 * `bodySnippet` holds the start of the body (at most 512 characters). (A 2xx whose body cannot
 * be read is a `PlacedButUnreadable`.)
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { CreateCallError } from "@effect-signalwire/client"
 *
 * // Constructible, for your own tests.
 * const error = new CreateCallError.UnexpectedResponse({ status: 200, contentType: "text/html", bodySnippet: "<html>Maintenance</html>", detail: "the body is not JSON" })
 * assert.strictEqual(error._tag, "UnexpectedResponse")
 * ```
 */
export class UnexpectedResponse extends Schema.TaggedError<UnexpectedResponse>(identifier("UnexpectedResponse"))("UnexpectedResponse", {
  status: Schema.Int,
  contentType: Schema.optional(Schema.String),
  bodySnippet: Schema.String,
  /** Why the body was not understood. */
  detail: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  override get message(): string {
    return `Unexpected answer from SignalWire (HTTP ${this.status}, ${this.contentType ?? "no content type"}): ${this.detail}`
  }
}

/**
 * @since 0.1.0
 * @category models
 */
export type CreateCallError =
  | InvalidRequest
  | TransportError
  | AuthenticationFailed
  | NotFound
  | ApiRejected
  | RateLimited
  | ServerError
  | OutcomeUnknown
  | PlacedButUnreadable
  | UnexpectedResponse

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CreateCallError } from "@effect-signalwire/client"
 * import { Schema } from "effect"
 *
 * // Errors cross a process boundary (a queue, a log) and come back as themselves.
 * const error = new CreateCallError.ApiRejected({ status: 400, code: 21205, detail: "Url or an ApplicationSid must be included.", errors: [] })
 * const json = Schema.encodeSync(CreateCallError.CreateCallError)(error)
 * assert.ok(Schema.decodeUnknownSync(CreateCallError.CreateCallError)(json) instanceof CreateCallError.ApiRejected)
 * ```
 */
export const CreateCallError: Schema.Union<[
  typeof InvalidRequest,
  typeof TransportError,
  typeof AuthenticationFailed,
  typeof NotFound,
  typeof ApiRejected,
  typeof RateLimited,
  typeof ServerError,
  typeof OutcomeUnknown,
  typeof PlacedButUnreadable,
  typeof UnexpectedResponse
]> = Schema.Union(
  InvalidRequest,
  TransportError,
  AuthenticationFailed,
  NotFound,
  ApiRejected,
  RateLimited,
  ServerError,
  OutcomeUnknown,
  PlacedButUnreadable,
  UnexpectedResponse
)

/**
 * Whether a value is one of `createCall`'s errors (any of the classes above, whatever its `_tag`).
 *
 * @example
 * ```ts
 * import { CreateCallError } from "@effect-signalwire/client"
 *
 * const error = new CreateCallError.NotFound({ status: 404, detail: "no such project", errors: [] })
 * assert.strictEqual(CreateCallError.isCreateCallError(error), true)
 * assert.strictEqual(CreateCallError.isCreateCallError(new Error("NotFound")), false)
 * ```
 *
 * @since 0.1.0
 * @category guards
 */
export const isCreateCallError = (u: unknown): u is CreateCallError => Predicate.hasProperty(u, TypeId)
