/**
 * The pieces the callback schemas (`AsyncAmdStatusCallback`, `RecordingStatusCallback`) build
 * their form fields with: `essential` fields decode strictly (the callback fails without them);
 * `optional` fields are lenient: a value that does not fit its schema is dropped (the field is
 * absent), so one odd field never makes the whole callback fail. `form` turns a class over the
 * fields into a codec over the `[name, value]` pairs of the form.
 *
 * @internal
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { FormParams } from "../CreateCallForm.js"

/** @internal */
export const IntFromString = Schema.compose(Schema.NumberFromString, Schema.Int.pipe(Schema.nonNegative()))

/** @internal */
export const essential = <S extends Schema.Schema.AnyNoContext>(schema: S, key: string) =>
  Schema.propertySignature(schema).pipe(Schema.fromKey(key))

/** @internal */
export const optional = <S extends Schema.Schema<any, string>>(schema: S, key: string) => {
  const fits = ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, string>)
  return Schema.optionalToOptional(Schema.String, schema, {
    decode: Option.filter((value) => Either.isRight(fits(value))),
    encode: (value) => value
  }).pipe(Schema.fromKey(key))
}

const Pairs: Schema.Schema<FormParams> = Schema.Array(Schema.Tuple(Schema.String, Schema.String))

/**
 * Form fields ⇄ the class. Decoding reads the last value of a field given twice and ignores
 * fields the class does not know; encoding writes the fields in the class's order.
 *
 * @internal
 */
export const form = <A, I extends Readonly<Record<string, string>>>(schema: Schema.Schema<A, I>, identifier: string) =>
  Schema.transform(
    Pairs,
    Schema.Record({ key: Schema.String, value: Schema.String }),
    { strict: true, decode: (params) => Object.fromEntries(params), encode: (fields) => Object.entries(fields) }
  ).pipe(Schema.compose(schema, { strict: false })).annotations({ identifier }) as Schema.Schema<A, FormParams>
