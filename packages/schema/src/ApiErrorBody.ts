/**
 * The body of an API error, in any of the three shapes SignalWire answers with, decoded to one
 * value that always has a `message` and, where the body gives one, a numeric `code`:
 *
 * 1. `{ "code": 21205, "message": "...", "more_info": "https://...", "status": 400 }`
 * 2. `{ "errors": [{ "code": "30010", "message": "...", "more_info": "https://..." }] }`
 * 3. `{ "errors": ["Validation error message"] }`
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Lenient from "./internal/lenient.js"
import { UnreadableField, UnreadableFields } from "./UnreadableField.js"

const Code = Schema.Union(Schema.Int, Schema.compose(Schema.NumberFromString, Schema.Int))

// `message` is what an error means; `code`, `more_info` and `status` are lenient: one that does
// not fit is left out (and kept in `unreadable`) rather than losing the whole explanation.
const ErrorObject = Lenient.struct({
  code: Lenient.optional(Code, "code"),
  message: Lenient.essential(Schema.String, "message"),
  more_info: Lenient.optional(Schema.String, "more_info"),
  status: Lenient.optional(Schema.Int, "status")
})

// Each listed error reads like shape 1 (a `status` there is ignored).
const ErrorsArray = Schema.Struct({ errors: Schema.NonEmptyArray(ErrorObject) })

const ErrorsStrings = Schema.Struct({ errors: Schema.NonEmptyArray(Schema.String) })

/**
 * One error as the API described it.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { ApiErrorBody } from "@effect-signalwire/schema"
 *
 * export const detail = new ApiErrorBody.ApiErrorDetail({ message: "To is required", code: 21201 })
 * ```
 */
export class ApiErrorDetail extends Schema.Class<ApiErrorDetail>("ApiErrorDetail")({
  message: Schema.String,
  code: Schema.optional(Schema.Int),
  moreInfo: Schema.optional(Schema.String)
}) {}

/**
 * An API error: the first error's `message`, `code` and `moreInfo`, every error in `errors`,
 * the `status` the body states (shape 1 only), and the fields that did not fit their type.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { ApiErrorBody } from "@effect-signalwire/schema"
 *
 * const first = new ApiErrorBody.ApiErrorDetail({ message: "Authentication failed", code: 20003 })
 * export const error = new ApiErrorBody.ApiError({ message: first.message, code: 20003, status: 401, errors: [first] })
 * ```
 */
export class ApiError extends Schema.Class<ApiError>("ApiError")({
  message: Schema.String,
  code: Schema.optional(Schema.Int),
  moreInfo: Schema.optional(Schema.String),
  status: Schema.optional(Schema.Int),
  errors: Schema.NonEmptyArray(ApiErrorDetail),
  /** Fields of the body that did not fit their type and were left out (`errors[1].code`, ...). */
  unreadable: Schema.optionalWith(UnreadableFields, { default: () => [] })
}) {}

const detail = (e: { readonly message: string; readonly code?: number | undefined; readonly more_info?: string | undefined }) =>
  new ApiErrorDetail({
    message: e.message,
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.more_info !== undefined ? { moreInfo: e.more_info } : {})
  })

/**
 * Any of the three error-body shapes ⇄ `ApiError`. Encoding writes shape 1 when there is one
 * error and shape 2 when there are several.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { ApiErrorBody } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const error = Schema.decodeUnknownSync(ApiErrorBody.ApiErrorBody)({ code: 20003, message: "Authentication failed", more_info: "https://example.com", status: 401 })
 * assert.strictEqual(error.code, 20003)
 * ```
 */
export const ApiErrorBody = Schema.transform(Schema.Union(ErrorObject, ErrorsArray, ErrorsStrings), ApiError, {
  strict: true,
  decode: (body) => {
    const errors = "errors" in body
      ? body.errors.map((e) => typeof e === "string" ? new ApiErrorDetail({ message: e }) : detail(e))
      : [detail(body)]
    const unreadable = "errors" in body
      ? body.errors.flatMap((e, i) =>
        typeof e === "string"
          ? []
          : e.unreadable.map(({ field, value }) => new UnreadableField({ field: `errors[${i}].${field}`, value }))
      )
      : body.unreadable
    const [first] = errors as [ApiErrorDetail, ...Array<ApiErrorDetail>]
    return new ApiError({
      message: first.message,
      ...(first.code !== undefined ? { code: first.code } : {}),
      ...(first.moreInfo !== undefined ? { moreInfo: first.moreInfo } : {}),
      ...("status" in body && body.status !== undefined ? { status: body.status } : {}),
      errors: errors as [ApiErrorDetail, ...Array<ApiErrorDetail>],
      unreadable
    })
  },
  encode: (error) => {
    const wire = (e: ApiErrorDetail) => ({
      unreadable: [],
      message: e.message,
      ...(e.code !== undefined ? { code: e.code } : {}),
      ...(e.moreInfo !== undefined ? { more_info: e.moreInfo } : {})
    })
    return error.errors.length === 1
      ? { ...wire(error.errors[0]), ...(error.status !== undefined ? { status: error.status } : {}) }
      : { errors: [wire(error.errors[0]), ...error.errors.slice(1).map(wire)] as const }
  }
}).annotations({ identifier: "ApiErrorBody" })

/**
 * Decodes a parsed JSON body; `None` when it is none of the three shapes.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * ```ts
 * import { ApiErrorBody } from "@effect-signalwire/schema"
 * import { Option } from "effect"
 *
 * const error = ApiErrorBody.decodeOption({ errors: [{ code: "30010", message: "Maxpriceperminute was exceeded." }] })
 * assert.strictEqual(Option.map(error, (e) => e.code).pipe(Option.getOrUndefined), 30010)
 * assert.strictEqual(Option.isNone(ApiErrorBody.decodeOption("<html>Bad gateway</html>")), true)
 * ```
 */
export const decodeOption: (body: unknown) => Option.Option<ApiError> = Schema.decodeUnknownOption(ApiErrorBody)
