/**
 * What the callback payloads (`AsyncAmdStatusCallback`, `RecordingStatusCallback`) share besides
 * the lenient fields of `lenient.ts`: a count read from a form value, and the codec from the
 * form's `[name, value]` pairs to a class over the fields.
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import type { FormParams } from "../CreateCallForm.js"

/** @internal */
export const IntFromString = Schema.compose(Schema.NumberFromString, Schema.Int.pipe(Schema.nonNegative()))

const Pairs: Schema.Schema<FormParams> = Schema.Array(Schema.Tuple(Schema.String, Schema.String))

/**
 * Form fields ⇄ the class. Decoding reads the last value of a field given twice and ignores
 * fields the class does not know; encoding writes the fields in the class's order.
 *
 * @internal
 */
export const form = <A, I>(schema: Schema.Schema<A, I>, identifier: string) =>
  Schema.transform(
    Pairs,
    Schema.Record({ key: Schema.String, value: Schema.String }),
    { strict: true, decode: (params) => Object.fromEntries(params), encode: (fields) => Object.entries(fields) }
  ).pipe(Schema.compose(schema as unknown as Schema.Schema<A, Readonly<Record<string, string>>>, { strict: false })).annotations({ identifier }) as Schema.Schema<A, FormParams>
