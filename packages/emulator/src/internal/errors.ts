/**
 * The error answers of the emulated API, with the codes SignalWire (and Twilio, whose codes
 * the LaML API shares) documents for each case.
 *
 * @internal
 */
import { ApiErrorBody } from "@effect-signalwire/schema"
import type * as Arr from "effect/Array"
import { EmulatorError } from "../EmulatorError.js"

/** @internal */
export const moreInfo = "https://developer.signalwire.com/compatibility-api/reference/error-codes"

/** @internal */
export interface Detail {
  readonly code: number
  readonly message: string
}

/** @internal */
export const make = (status: number, shape: "object" | "errors", details: Arr.NonEmptyReadonlyArray<Detail>) => {
  const errors = details.map((detail) => new ApiErrorBody.ApiErrorDetail({ ...detail, moreInfo }))
  const [first] = errors as [ApiErrorBody.ApiErrorDetail, ...Array<ApiErrorBody.ApiErrorDetail>]
  return new EmulatorError({
    status,
    message: first.message,
    shape,
    apiError: new ApiErrorBody.ApiError({
      message: first.message,
      code: first.code!,
      moreInfo,
      ...(shape === "object" ? { status } : {}),
      errors: errors as [ApiErrorBody.ApiErrorDetail, ...Array<ApiErrorBody.ApiErrorDetail>]
    })
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
export const tooManyRequests = (retryAfterSeconds?: number) => {
  const error = make(429, "object", [{ code: 20429, message: "Too Many Requests" }])
  return retryAfterSeconds === undefined ? error : new EmulatorError({
    status: error.status,
    message: error.message,
    apiError: error.apiError,
    shape: error.shape,
    retryAfterSeconds
  })
}

/** @internal */
export const serverError = (status: number) =>
  status === 503
    ? make(503, "object", [{ code: 20503, message: "Service Unavailable" }])
    : make(status, "object", [{ code: 20500, message: "Internal Server Error" }])
