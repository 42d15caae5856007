/**
 * The form encoding of a Create Call request, exactly as SignalWire expects it: PascalCase
 * names in the order of the reference page, `StatusCallbackEvent` as repeated fields and
 * `RecordingStatusCallbackEvent` as one space-separated field (each as SignalWire documents it; the
 * official SDK repeats both), booleans as `true`/`false`, numbers in decimal, absent options omitted.
 *
 * The same schema decodes a form body back into a request (what the emulator does), reading
 * repeated or space-separated lists, `Laml` as another name for `Twiml`, and ignoring parameters
 * it does not know.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CreateCallRequest } from "./CreateCallRequest.js"
import { createCallFields } from "./internal/createCallFields.js"

/**
 * Ordered form fields, each a name and a value.
 *
 * @since 0.1.0
 * @category models
 */
export type FormParams = ReadonlyArray<readonly [name: string, value: string]>

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CreateCallForm } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * // Repeated names for lists, in order.
 * const params = Schema.decodeUnknownSync(CreateCallForm.FormParams)([["StatusCallbackEvent", "initiated"], ["StatusCallbackEvent", "completed"]])
 * assert.strictEqual(params.length, 2)
 * ```
 */
export const FormParams: Schema.Schema<FormParams> = Schema.Array(Schema.Tuple(Schema.String, Schema.String))

const integerText = /^[+-]?\d+$/

const fromForm = (params: FormParams): CreateCallRequest.Encoded => {
  const values = new Map<string, Array<string>>()
  for (const [name, value] of params) {
    const list = values.get(name)
    if (list === undefined) values.set(name, [value])
    else list.push(value)
  }
  const input: Record<string, unknown> = {}
  for (const [key, name, kind] of createCallFields) {
    // The reference page also names inline XML `Laml`; we send `Twiml`, as the official SDK does.
    const given = values.get(name) ?? (key === "twiml" ? values.get("Laml") : undefined)
    if (given === undefined) continue
    const last = given[given.length - 1]!
    switch (kind) {
      case "list":
      case "spaced":
        input[key] = given.flatMap((value) => value.split(/[\s,]+/)).filter((value) => value.length > 0)
        break
      case "integer":
        // Left as text when it is not an integer, so the error shows what was sent.
        input[key] = integerText.test(last) ? Number(last) : last
        break
      case "boolean":
        input[key] = last === "true" ? true : last === "false" ? false : last
        break
      default:
        input[key] = last
    }
  }
  return input as CreateCallRequest.Encoded
}

const toForm = (input: CreateCallRequest.Encoded): FormParams => {
  const params: Array<readonly [string, string]> = []
  const record = input as Record<string, unknown>
  for (const [key, name, kind] of createCallFields) {
    const value = record[key]
    if (value === undefined) continue
    if (Array.isArray(value)) {
      for (const item of kind === "spaced" ? [value.join(" ")] : value) params.push([name, String(item)])
    } else {
      params.push([name, String(value)])
    }
  }
  return params
}

/**
 * Form fields ⇄ `CreateCallRequest`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CreateCallForm, CreateCallRequest } from "@effect-signalwire/schema"
 * import { Effect, Schema } from "effect"
 *
 * const request = Effect.runSync(CreateCallRequest.decode({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }))
 * const form = Schema.encodeSync(CreateCallForm.CreateCallForm)(request)
 * assert.deepStrictEqual(form, [["To", "+13105678901"], ["From", "+13103384645"], ["Url", "https://example.com/voice.xml"]])
 * ```
 */
export const CreateCallForm: Schema.Schema<CreateCallRequest, FormParams> = Schema.transform(
  FormParams,
  CreateCallRequest,
  { strict: true, decode: fromForm, encode: toForm }
).annotations({ identifier: "CreateCallForm" })

/**
 * The form fields of a valid request, ready for an `application/x-www-form-urlencoded` body.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * ```ts
 * import { CreateCallForm, CreateCallRequest } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const request = Schema.decodeUnknownSync(CreateCallRequest.CreateCallRequest)({
 *   to: "+13105678901",
 *   from: "+13103384645",
 *   url: "https://example.com/voice.xml",
 *   statusCallbackEvent: ["initiated", "completed"],
 *   record: true,
 *   recordingStatusCallbackEvent: ["in-progress", "completed"]
 * })
 * assert.deepStrictEqual(CreateCallForm.toFormParams(request), [
 *   ["To", "+13105678901"], ["From", "+13103384645"], ["Url", "https://example.com/voice.xml"],
 *   ["StatusCallbackEvent", "initiated"], ["StatusCallbackEvent", "completed"], ["Record", "true"],
 *   ["RecordingStatusCallbackEvent", "in-progress completed"]
 * ])
 * ```
 */
export const toFormParams: (request: CreateCallRequest) => FormParams = Schema.encodeSync(CreateCallForm)

/**
 * Decodes form fields (a body SignalWire would receive) into a request.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * ```ts
 * import { CreateCallForm } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * // What the emulator does with a POSTed form: every broken rule reported at once.
 * const request = Effect.runSync(CreateCallForm.fromFormParams([["To", "+13105678901"], ["From", "+13103384645"], ["Twiml", "<Response/>"]]))
 * assert.strictEqual(request.to, "+13105678901")
 * ```
 */
export const fromFormParams = /*#__PURE__*/ Schema.decodeUnknown(CreateCallForm, { errors: "all" })
