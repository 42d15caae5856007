/** @internal */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as ApiPath from "@effect-signalwire/schema/ApiPath"
import * as Call from "@effect-signalwire/schema/Call"
import * as CreateCallForm from "@effect-signalwire/schema/CreateCallForm"
import * as CreateCallRequest from "@effect-signalwire/schema/CreateCallRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as ParseResult from "effect/ParseResult"
import * as CreateCallError from "../CreateCallError.js"
import type * as RetryPolicy from "../RetryPolicy.js"
import type * as SignalWireConfig from "../SignalWireConfig.js"
import { invalidCreateRequest } from "./input.js"
import type { Control } from "./callControl.js"
import * as Request from "./request.js"
import { findSid, logUnreadable } from "./unreadable.js"

/** @internal */
export interface CallOptions {
  readonly retry?: Partial<RetryPolicy.RetryPolicy> | undefined
  readonly requestTimeout?: Duration.DurationInput | undefined
  /**
   * What to do on an ambiguous outcome (`OutcomeUnknown`, `ServerError`): `reconcile()` from
   * the `Reconcile` module waits, lists the calls the request may have placed, and succeeds
   * with the call if exactly one is found; it never sends again unless told to. Default: fail
   * with the error.
   */
  readonly reconcile?: Settle | undefined
}

/** @internal */
export type CreateCall = (
  input: CreateCallRequest.CreateCallRequest | CreateCallRequest.CreateCallRequest.Encoded,
  options?: CallOptions
) => Effect.Effect<Call.Call, CreateCallError.CreateCallError>

/** @internal */
export const decodeRequest = (
  input: unknown
): Effect.Effect<CreateCallRequest.CreateCallRequest, CreateCallError.InvalidRequest> =>
  Effect.mapError(CreateCallRequest.decode(input), (error: ParseResult.ParseError) => invalidCreateRequest(error, input))

/** @internal */
export { snippet } from "./request.js"

/** @internal A request that never left, whatever the operation: the same error for all. */
export const notSent = (failure: Extract<Request.Failure, { _tag: "NotSent" }>, attempt: Request.Attempt) =>
  new CreateCallError.TransportError({
    reason: failure.reason,
    ...(failure.code !== undefined ? { code: failure.code } : {}),
    detail: failure.detail,
    attempts: attempt.number
  })

/** @internal A 429, whatever the operation: not processed, with its `Retry-After`. */
export const rateLimited = (failure: Extract<Request.Failure, { _tag: "ErrorStatus" }>, attempt: Request.Attempt) =>
  new CreateCallError.RateLimited({
    ...failure.fields,
    ...(failure.retryAfter !== undefined ? { retryAfter: failure.retryAfter } : {}),
    headers: failure.headers,
    attempts: attempt.number
  })

/** @internal The answer of a create as the failure of the request that was sent. */
export const toError = (request: CreateCallRequest.CreateCallRequest) =>
(failure: Request.Failure, attempt: Request.Attempt): CreateCallError.CreateCallError => {
  switch (failure._tag) {
    case "NotSent":
      return notSent(failure, attempt)
    case "NoAnswer":
      return new CreateCallError.OutcomeUnknown({
        reason: failure.reason,
        detail: failure.detail,
        request,
        sentAt: attempt.sentAt,
        attempts: attempt.number
      })
    case "Unexpected": {
      const contentType = failure.contentType !== undefined ? { contentType: failure.contentType } : {}
      if (failure.status < 200 || failure.status >= 300) {
        return new CreateCallError.UnexpectedResponse({ status: failure.status, ...contentType, bodySnippet: failure.bodySnippet, detail: failure.detail })
      }
      // A 2xx placed the call: whatever the body, the error says so and is never retried by default.
      const sid = findSid(failure.body)
      return new CreateCallError.PlacedButUnreadable({
        status: failure.status,
        ...(sid !== undefined ? { sid } : {}),
        ...contentType,
        bodySnippet: failure.bodySnippet,
        detail: failure.detail,
        request,
        sentAt: attempt.sentAt,
        attempts: attempt.number
      })
    }
    case "ErrorStatus": {
      const fields = failure.fields
      const status = fields.status
      if (status === 401 || status === 403) return new CreateCallError.AuthenticationFailed(fields)
      if (status === 404) return new CreateCallError.NotFound(fields)
      if (status === 429) return rateLimited(failure, attempt)
      if (status >= 500) {
        return new CreateCallError.ServerError({ ...fields, request, sentAt: attempt.sentAt, attempts: attempt.number })
      }
      return new CreateCallError.ApiRejected(fields)
    }
  }
}

const decodeCall = Request.jsonBody(Call.decodeEither, "a Call")

/**
 * @internal
 * Settles an ambiguous create: given the effect that sends the request (each run sends it again)
 * and how the client reaches the call-control operations.
 */
export type Settle = (
  attempt: Effect.Effect<Call.Call, CreateCallError.CreateCallError>,
  control: Control
) => Effect.Effect<Call.Call, CreateCallError.CreateCallError>

/**
 * @internal
 * `createCall` from a way to send one (over HTTP, or a test handler) and the client's control.
 */
export const fromSend = (
  send: (request: CreateCallRequest.CreateCallRequest, options: CallOptions | undefined) => Effect.Effect<Call.Call, CreateCallError.CreateCallError>,
  control: Control,
  span: "fn" | "none" = "fn"
): CreateCall => {
  const body = (input: unknown, options: CallOptions | undefined) =>
    Effect.flatMap(decodeRequest(input), (request) => {
      const attempt = send(request, options)
      return Effect.tap(
        options?.reconcile === undefined ? attempt : options.reconcile(attempt, control),
        (call) => Effect.annotateCurrentSpan("signalwire.call.sid", call.sid)
      )
    })
  // A span records itself on a copy of the error: a test handler's own error object is handed
  // back as it is, without one. `Effect.withSpan` rather than `Effect.fn`: the same span, without
  // `Effect.fn`'s second stack capture per call or its 0.5 KB gzipped in every app that creates.
  return span === "fn"
    ? (input, options) => Effect.withSpan(body(input, options), "SignalWireClient.createCall")
    : body
}

/** @internal Sends a valid create over the pipeline. */
export const make = (config: SignalWireConfig.Service, send: Request.Send, pace?: Request.Pace | undefined) => {
  const path = `${ApiPath.calls(config.projectId)}.json`
  return (request: CreateCallRequest.CreateCallRequest, options: CallOptions | undefined) =>
    send({
      name: "Create Call",
      request: HttpClientRequest.post(path).pipe(HttpClientRequest.bodyUrlParams(CreateCallForm.toFormParams(request))),
      decode: decodeCall,
      toError: toError(request),
      retry: {
        schedule: options?.retry?.schedule ?? config.retry.schedule,
        isRetryable: options?.retry?.isRetryable ?? config.retry.isRetryable
      },
      timeout: Duration.decode(options?.requestTimeout ?? config.requestTimeout),
      pace
    }).pipe(
      Effect.tap(({ attempts, value }) =>
        Effect.zipRight(Effect.annotateCurrentSpan("signalwire.attempts", attempts), logUnreadable("Create Call", value))
      ),
      Effect.map(({ value }) => value)
    )
}
