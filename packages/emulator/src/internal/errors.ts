/**
 * The error answers of the emulated API (the HTTP app's side): an `ErrorAnswer` is an HTTP status
 * and the error body SignalWire would send, in the shape SignalWire uses for it, with the codes
 * SignalWire (and Twilio, whose codes the LaML API shares) documents for each case:
 *
 * - `object`: `{ "code": 20003, "message": "Authentication failed", "more_info": "...", "status": 401 }`
 *   (401, 404, 422, 429, 5xx, and 400 outside Create Call);
 * - `errors`: `{ "errors": [{ "code": "21205", "message": "...", "more_info": "..." }] }`, one item per
 *   broken rule, codes as numeric strings (Create Call's 400, as its spec declares).
 *
 * Every body decodes with the schema package's `ApiErrorBody`. {@link fromEngine} answers each
 * domain error of the engine.
 *
 * @internal
 */
import { ApiErrorBody, ApiPath } from "@effect-signalwire/schema"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import type * as Arr from "effect/Array"
import * as Data from "effect/Data"
import * as Schema from "effect/Schema"
import type * as EmulatorError from "../EmulatorError.js"

/** @internal */
export class ErrorAnswer extends Data.TaggedError("ErrorAnswer")<{
  readonly status: number
  readonly apiError: ApiErrorBody.ApiError
  readonly shape: "object" | "errors"
  /** Sent as `Retry-After` (a 429 of the calls-per-second limit). */
  readonly retryAfterSeconds?: number | undefined
}> {}

/** @internal */
export const moreInfo = "https://developer.signalwire.com/compatibility-api/reference/error-codes"

/** @internal */
export interface Detail {
  readonly code: number
  readonly message: string
}

/** @internal */
export const make = (
  status: number,
  shape: "object" | "errors",
  details: Arr.NonEmptyReadonlyArray<Detail>,
  retryAfterSeconds?: number
): ErrorAnswer => {
  const errors = details.map((detail) => new ApiErrorBody.ApiErrorDetail({ ...detail, moreInfo }))
  const [first] = errors as [ApiErrorBody.ApiErrorDetail, ...Array<ApiErrorBody.ApiErrorDetail>]
  return new ErrorAnswer({
    status,
    shape,
    apiError: new ApiErrorBody.ApiError({
      message: first.message,
      code: first.code!,
      moreInfo,
      ...(shape === "object" ? { status } : {}),
      errors: errors as [ApiErrorBody.ApiErrorDetail, ...Array<ApiErrorBody.ApiErrorDetail>]
    }),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {})
  })
}

/** @internal */
export const unauthorized = () => make(401, "object", [{ code: 20003, message: "Authentication failed" }])

/** @internal */
export const notFound = (path: string) =>
  make(404, "object", [{ code: 20404, message: `The requested resource ${path} was not found` }])

/** @internal */
export const invalidCallState = (message: string) => make(422, "object", [{ code: 21220, message }])

/** @internal */
export const notComplete = () =>
  make(422, "object", [{ code: 20009, message: "Cannot delete this resource before it is complete" }])

/** @internal */
export const maxPriceExceeded = (pricePerMinute: number) =>
  make(400, "errors", [{
    code: 30010,
    message: `Maxpriceperminute was exceeded. This call's cost is ${pricePerMinute} per minute.`
  }])

/** @internal */
export const tooManyRequests = (retryAfterSeconds?: number) =>
  make(429, "object", [{ code: 20429, message: "Too Many Requests" }], retryAfterSeconds)

/** @internal */
export const serverError = (status: number) =>
  status === 503
    ? make(503, "object", [{ code: 20503, message: "Service Unavailable" }])
    : make(status, "object", [{ code: 20500, message: "Internal Server Error" }])

/** A domain error of the engine, answered as SignalWire does. @internal */
export const fromEngine = (error: EmulatorError.EmulatorError): ErrorAnswer => {
  switch (error._tag) {
    case "CallNotFound":
      return notFound(`${ApiPath.calls(error.projectId)}/${error.callSid}.json`)
    case "CallNotInState":
      return error.operation === "redirect" ? invalidCallState("Call is not in-progress. Cannot redirect.") : notComplete()
    case "RateLimited":
      return tooManyRequests(error.retryAfterSeconds)
    case "PriceExceeded":
      return maxPriceExceeded(error.pricePerMinute)
  }
}

/** The JSON body of the answer. @internal */
export const toJson = (error: ErrorAnswer): unknown =>
  error.shape === "object"
    ? Schema.encodeSync(ApiErrorBody.ApiErrorBody)(
      new ApiErrorBody.ApiError({ ...error.apiError, errors: [error.apiError.errors[0]], status: error.status })
    )
    : {
      errors: error.apiError.errors.map((detail) => ({
        ...(detail.code !== undefined ? { code: String(detail.code) } : {}),
        message: detail.message,
        ...(detail.moreInfo !== undefined ? { more_info: detail.moreInfo } : {})
      }))
    }

/** The answer: its status, its JSON body, and `Retry-After` when it has one. @internal */
export const response = (error: ErrorAnswer): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.unsafeJson(toJson(error), {
    status: error.status,
    ...(error.retryAfterSeconds !== undefined ? { headers: { "retry-after": String(error.retryAfterSeconds) } } : {})
  })
