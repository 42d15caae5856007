/**
 * Strict where meaning lives, lenient elsewhere: the one piece every response and callback
 * schema builds its fields with.
 *
 * - `essential(schema, key)`: must decode, or the whole value fails with the field's path.
 * - `nullable` / `optional` / `withDefault`: a value that does not fit is dropped (the field
 *   becomes `null`, absent, or its default) and kept, with its name, in the value's
 *   `unreadable` list (see `UnreadableField`).
 * - `struct(fields)`: the struct of those fields plus `unreadable`, to give to `Schema.Class`.
 *
 * Encoding is strict: it writes every field with its own schema and never writes `unreadable`,
 * so what the emulator answers is always valid.
 *
 * ```ts
 * export class RecordingStatusCallback extends Schema.Class<RecordingStatusCallback>("RecordingStatusCallback")(
 *   Lenient.struct({
 *     callSid: Lenient.essential(issuedBy("CallSid"), "CallSid"),
 *     recordingDuration: Lenient.optional(IntFromString, "RecordingDuration")
 *   })
 * ) {}
 * export const essentialFields = ["CallSid"] as const
 * ```
 *
 * A form payload composes as `StatusCallbackForm` does (form pairs -> record -> the class). Where
 * an Effect runs, log what was dropped with the client's `logUnreadable` (internal/unreadable.ts).
 *
 * @internal
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { UnreadableField, UnreadableFields } from "../UnreadableField.js"

/**
 * Where the dropped fields travel on the encoded side, from the first step of decoding to the
 * struct: a symbol, so no key of a JSON body or form can collide with it, and `JSON.stringify`
 * never writes it.
 *
 * @internal
 */
export const unreadableKey: unique symbol = Symbol.for("@effect-signalwire/schema/UnreadableField")

interface Check {
  readonly key: string
  readonly fits: (value: unknown) => boolean
}

// The lenient property signatures, with the wire key and the test their value must pass.
const checks = new WeakMap<object, Check>()

const register = <P extends object>(signature: P, key: string, schema: Schema.Schema.Any, orNull = false): P => {
  // Every field schema here is context-free (`Schema.Schema.AnyNoContext`).
  const decode = ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, unknown, never>)
  // Every field is checked here and decoded again by the struct: the answers known without
  // running the parser (a `null` where null is allowed, any string for `Schema.String`) skip it.
  const isString = schema.ast === Schema.String.ast
  checks.set(signature, {
    key,
    fits: (value) =>
      (orNull && value === null) || (isString && typeof value === "string") || Either.isRight(decode(value))
  })
  return signature
}

/**
 * A field the value cannot do without: required, and decoded strictly.
 *
 * @internal
 */
export const essential = <S extends Schema.Schema.AnyNoContext>(schema: S, key: string) =>
  Schema.propertySignature(schema).pipe(Schema.fromKey(key))

/**
 * A field that is `null` when absent, `null`, or not a valid `schema` value.
 *
 * @internal
 */
export const nullable = <S extends Schema.Schema.AnyNoContext>(schema: S, key: string) =>
  register(
    Schema.optionalWith(Schema.NullOr(schema), { default: () => null }).pipe(Schema.fromKey(key)),
    key,
    schema,
    true
  )

/**
 * A field that is absent when absent or not a valid `schema` value (form fields, where there is
 * no `null`).
 *
 * @internal
 */
export const optional = <S extends Schema.Schema.AnyNoContext>(schema: S, key: string) =>
  register(Schema.optionalWith(schema, { exact: true }).pipe(Schema.fromKey(key)), key, schema)

/**
 * A field that takes `fallback()` when absent or not a valid `schema` value.
 *
 * @internal
 */
export const withDefault = <S extends Schema.Schema.AnyNoContext>(
  schema: S,
  key: string,
  fallback: () => Schema.Schema.Type<S>
) => register(Schema.optionalWith(schema, { default: fallback }).pipe(Schema.fromKey(key)), key, schema)

const Unreadable = Schema.typeSchema(UnreadableFields)

/**
 * The `unreadable` field: filled by `struct`'s first decoding step, `[]` for a value built
 * with `new`, never encoded.
 *
 * @internal
 */
export const unreadable: Schema.PropertySignature<
  ":",
  ReadonlyArray<UnreadableField>,
  never,
  "?:",
  never,
  true
> = Schema.optionalToRequired(Unreadable, Unreadable, {
  decode: Option.getOrElse((): ReadonlyArray<UnreadableField> => []),
  encode: () => Option.none()
}).pipe(
  Schema.fromKey(unreadableKey),
  Schema.withConstructorDefault((): ReadonlyArray<UnreadableField> => [])
  // Typed as never encoded (`unreadable?: never` on the encoded side): the symbol key it really
  // travels under stays out of the public types.
) as any

/**
 * The fields plus `unreadable`, decoded in two steps: the lenient fields whose value does not
 * fit are moved from the input to the `unreadable` list, then the struct decodes what is left
 * (so an essential field still fails with its path).
 *
 * Typed as the `Schema.Struct` it wraps (with its `fields`) so that `Schema.Class` accepts it,
 * which reads the fields and uses the schema as its encoded side.
 *
 * @internal
 */
export const struct = <Fields extends Schema.Struct.Fields>(
  fields: Fields
): Schema.Struct<Fields & { readonly unreadable: typeof unreadable }> => {
  const all = { ...fields, unreadable }
  const lenient = Object.values(fields).flatMap((field) => {
    const check = checks.get(field)
    return check === undefined ? [] : [check]
  })
  const decoded = Schema.transform(Schema.Object, Schema.Struct(all), {
    strict: false,
    decode: (input: object) => {
      const fields = input as Record<PropertyKey, unknown>
      const dropped: Array<UnreadableField> = []
      const kept: Record<PropertyKey, unknown> = { ...fields }
      for (const { fits, key } of lenient) {
        if (Object.hasOwn(fields, key) && !fits(fields[key])) {
          delete kept[key]
          dropped.push(new UnreadableField({ field: key, value: fields[key] }))
        }
      }
      kept[unreadableKey] = dropped
      return kept
    },
    encode: (output) => output
  })
  return Object.assign(decoded, { fields: all }) as unknown as Schema.Struct<Fields & { readonly unreadable: typeof unreadable }>
}
