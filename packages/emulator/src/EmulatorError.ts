/**
 * An error answer of the emulated API: its HTTP status and the error body SignalWire would
 * send, in the shape SignalWire uses for it:
 *
 * - `object`: `{ "code": 20003, "message": "Authentication failed", "more_info": "...", "status": 401 }`
 *   (401, 404, 422, 429, 5xx, and 400 outside Create Call);
 * - `errors`: `{ "errors": [{ "code": "21205", "message": "...", "more_info": "..." }] }`, one item per
 *   broken rule, codes as numeric strings (Create Call's 400, as its spec declares).
 *
 * Every body decodes with the schema package's `ApiErrorBody` to the `apiError` it was made from.
 *
 * @since 0.1.0
 */
import { ApiErrorBody } from "@effect-signalwire/schema"
import * as Schema from "effect/Schema"

/**
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { EmulatorError } from "@effect-signalwire/emulator"
 * import { ApiErrorBody } from "@effect-signalwire/schema"
 *
 * const detail = new ApiErrorBody.ApiErrorDetail({ message: "Authentication failed", code: 20003 })
 * const error = new EmulatorError.EmulatorError({
 *   status: 401,
 *   message: detail.message,
 *   apiError: new ApiErrorBody.ApiError({ message: detail.message, code: 20003, errors: [detail] }),
 *   shape: "object"
 * })
 * assert.strictEqual(error.status, 401)
 * ```
 */
export class EmulatorError extends Schema.TaggedError<EmulatorError>()("EmulatorError", {
  status: Schema.Int,
  message: Schema.String,
  apiError: ApiErrorBody.ApiError,
  shape: Schema.Literal("object", "errors"),
  /** Sent as `Retry-After` (a 429 of the calls-per-second limit). */
  retryAfterSeconds: Schema.optional(Schema.Int)
}) {}

/**
 * The JSON body of the answer.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * ```ts
 * import { EmulatorError } from "@effect-signalwire/emulator"
 * import { ApiErrorBody } from "@effect-signalwire/schema"
 *
 * const detail = new ApiErrorBody.ApiErrorDetail({ message: "To is required", code: 21201 })
 * const error = new EmulatorError.EmulatorError({
 *   status: 400,
 *   message: detail.message,
 *   apiError: new ApiErrorBody.ApiError({ message: detail.message, code: 21201, errors: [detail] }),
 *   shape: "errors"
 * })
 * // Create Call's 400 shape: codes as numeric strings.
 * assert.deepStrictEqual(EmulatorError.toJson(error), { errors: [{ code: "21201", message: "To is required" }] })
 * ```
 */
export const toJson = (error: EmulatorError): unknown =>
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
