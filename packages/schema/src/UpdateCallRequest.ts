/**
 * The request of "Update a Call" (`POST /Accounts/{AccountSid}/Calls/{Sid}`): hang a call up
 * (`status`), send it to new LaML (`url`, or inline as `twiml` as Twilio's API and the official
 * SDK take it; not both), or change where its status callbacks go. Every parameter is optional;
 * each has the rule the API documents.
 *
 * `status: "canceled"` ends a call that is queued or ringing and leaves a call in progress
 * alone; `status: "completed"` ends it whatever its state.
 *
 * The form codec writes PascalCase fields in the order of the reference and reads them back,
 * ignoring parameters it does not know.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { FormParams } from "./CreateCallForm.js"
import { Twiml } from "./CreateCallRequest.js"
import { HttpMethod } from "./HttpMethod.js"
import { oneOf, violates } from "./internal/rules.js"
import { WebhookUrl } from "./WebhookUrl.js"

/**
 * The statuses an update can set: `canceled` or `completed`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { UpdateCallRequest } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(UpdateCallRequest.UpdateCallStatus)("completed"), true)
 * ```
 */
export const UpdateCallStatus = oneOf("canceled", "completed").annotations({ identifier: "UpdateCallStatus" })

/**
 * @since 0.1.0
 * @category models
 */
export type UpdateCallStatus = typeof UpdateCallStatus.Type

const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { UpdateCallRequest } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const redirect = Schema.decodeUnknownSync(UpdateCallRequest.UpdateCallRequest)({ url: "https://example.com/next.xml", method: "POST" })
 * assert.strictEqual(redirect.url, "https://example.com/next.xml")
 * ```
 */
export const UpdateCallRequest = Schema.Struct({
  url: optional(WebhookUrl),
  twiml: optional(Twiml),
  method: optional(HttpMethod),
  status: optional(UpdateCallStatus),
  fallbackUrl: optional(WebhookUrl),
  fallbackMethod: optional(HttpMethod),
  statusCallback: optional(WebhookUrl),
  statusCallbackMethod: optional(HttpMethod)
}).pipe(
  Schema.filter((request) =>
    request.url === undefined || request.twiml === undefined ||
    { path: ["twiml"], message: violates("absent when url is given: redirect with url or twiml, not both")({ actual: request.twiml }) }
  ),
  Schema.annotations({ identifier: "UpdateCallRequest", description: "an Update Call request" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type UpdateCallRequest = typeof UpdateCallRequest.Type

/**
 * @since 0.1.0
 */
export declare namespace UpdateCallRequest {
  /**
   * The plain input, as a user or a JSON body writes it.
   *
   * @since 0.1.0
   * @category models
   */
  export type Encoded = typeof UpdateCallRequest.Encoded
}

// camelCase key, form field name, in the order of the reference.
const fields = [
  ["url", "Url"],
  ["twiml", "Twiml"],
  ["method", "Method"],
  ["status", "Status"],
  ["fallbackUrl", "FallbackUrl"],
  ["fallbackMethod", "FallbackMethod"],
  ["statusCallback", "StatusCallback"],
  ["statusCallbackMethod", "StatusCallbackMethod"]
] as const

const FormFields: Schema.Schema<FormParams> = Schema.Array(Schema.Tuple(Schema.String, Schema.String))

/**
 * Form fields ⇄ `UpdateCallRequest`. A field given twice counts with its last value.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { UpdateCallRequest } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const form = Schema.encodeSync(UpdateCallRequest.UpdateCallForm)({ status: "completed" })
 * assert.deepStrictEqual(form, [["Status", "completed"]])
 * ```
 */
export const UpdateCallForm: Schema.Schema<UpdateCallRequest, FormParams> = Schema.transform(
  FormFields,
  UpdateCallRequest,
  {
    strict: true,
    decode: (params) => {
      const input: Record<string, string> = {}
      for (const [key, name] of fields) {
        const given = params.filter(([field]) => field === name)
        if (given.length > 0) input[key] = given[given.length - 1]![1]
      }
      return input as UpdateCallRequest.Encoded
    },
    encode: (input) => {
      const record = input as Record<string, string | undefined>
      return fields.flatMap(([key, name]) => record[key] === undefined ? [] : [[name, record[key]] as const])
    }
  }
).annotations({ identifier: "UpdateCallForm" })

/**
 * The form fields of a valid request, ready for an `application/x-www-form-urlencoded` body.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * ```ts
 * import { UpdateCallRequest } from "@effect-signalwire/schema"
 *
 * UpdateCallRequest.toFormParams({ status: "completed" })
 * // [["Status", "completed"]]
 * ```
 */
export const toFormParams: (request: UpdateCallRequest) => FormParams = Schema.encodeSync(UpdateCallForm)

/**
 * Decodes plain input, failing with a `ParseError` that lists every broken rule.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * ```ts
 * import { UpdateCallRequest } from "@effect-signalwire/schema"
 * import { Effect, Either } from "effect"
 *
 * assert.strictEqual(Effect.runSync(UpdateCallRequest.decode({ status: "canceled" })).status, "canceled")
 * // Unknown keys are refused.
 * assert.strictEqual(Either.isLeft(Effect.runSync(Effect.either(UpdateCallRequest.decode({ Status: "canceled" })))), true)
 * ```
 */
export const decode = Schema.decodeUnknown(UpdateCallRequest, { errors: "all", onExcessProperty: "error" })

/**
 * Decodes form fields (a body SignalWire would receive) into a request.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * ```ts
 * import { UpdateCallRequest } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * assert.strictEqual(Effect.runSync(UpdateCallRequest.fromFormParams([["Status", "completed"]])).status, "completed")
 * ```
 */
export const fromFormParams = Schema.decodeUnknown(UpdateCallForm, { errors: "all" })
