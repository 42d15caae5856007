/**
 * A field of a SignalWire answer whose value did not fit its type and was dropped: its name as
 * it came (`phone_number_sid`, `CallDuration`) and the value as it came.
 *
 * Responses and callbacks decode strictly only where meaning lives (a call's `sid`, `to`,
 * `from`, `status`...). Every other field is lenient: a value that does not fit becomes `null`
 * (or absent), and the value it had is kept here, in the `unreadable` list of the decoded value,
 * so that a provider-side change never fails a whole call, page or callback.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { UnreadableField } from "@effect-signalwire/schema"
 *
 * const dropped = new UnreadableField.UnreadableField({ field: "phone_number_sid", value: "" })
 * assert.strictEqual(dropped.field, "phone_number_sid")
 * ```
 */
export class UnreadableField extends Schema.Class<UnreadableField>("UnreadableField")({
  /** The field's name on the wire. */
  field: Schema.String,
  /** The value as it came. */
  value: Schema.Unknown
}) {}

/**
 * The dropped fields of a decoded value, `[]` when every field fitted.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { UnreadableField } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const fields = Schema.decodeUnknownSync(UnreadableField.UnreadableFields)([{ field: "price", value: "" }])
 * assert.strictEqual(fields.length, 1)
 * ```
 */
export const UnreadableFields: Schema.Array$<typeof UnreadableField> = Schema.Array(UnreadableField).annotations({
  identifier: "UnreadableFields",
  // A well-formed value has none: generated values must survive an encode/decode round trip.
  arbitrary: () => (fc) => fc.constant([])
})

/**
 * One line for a log: `phone_number_sid="", duration={}`, each value cut to 60 characters.
 *
 * @since 0.1.0
 * @category formatting
 * @example
 * ```ts
 * import { UnreadableField } from "@effect-signalwire/schema"
 *
 * const line = UnreadableField.describe([new UnreadableField.UnreadableField({ field: "phone_number_sid", value: "" }), new UnreadableField.UnreadableField({ field: "duration", value: {} })])
 * assert.strictEqual(line, `phone_number_sid="", duration={}`)
 * ```
 */
export const describe = (fields: ReadonlyArray<UnreadableField>): string =>
  fields.map(({ field, value }) => {
    // Values come from JSON or a form: always serialisable.
    const text = String(JSON.stringify(value))
    return `${field}=${text.length > 60 ? `${text.slice(0, 57)}...` : text}`
  }).join(", ")
