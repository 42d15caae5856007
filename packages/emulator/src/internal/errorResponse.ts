/**
 * An `EmulatorError` as SignalWire answers it: its status, its JSON body, and `Retry-After` when
 * it has one.
 *
 * @internal
 */
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { type EmulatorError, toJson } from "../EmulatorError.js"

/** @internal */
export const errorResponse = (error: EmulatorError): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.unsafeJson(toJson(error), {
    status: error.status,
    ...(error.retryAfterSeconds !== undefined ? { headers: { "retry-after": String(error.retryAfterSeconds) } } : {})
  })
