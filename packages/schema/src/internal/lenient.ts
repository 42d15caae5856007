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
export const unreadableKey: unique symbol = /*#__PURE__*/ Symbol.for("@effect-signalwire/schema/UnreadableField")

/** How one field is read from the wire, for `struct`'s first step and for `decoder`. */
interface Field extends FieldOptions {
  /** The wire key. */
  readonly key: string
  readonly schema: Schema.Schema.Any
  readonly decode: (value: unknown) => Either.Either<unknown, unknown>
  /** Any string is a value (`Schema.String`): the answer is known without running the parser. */
  readonly isString: boolean
}

interface FieldOptions {
  /** Must be present (essential). */
  readonly required?: boolean
  /** A value that does not decode fails the whole value (essential). */
  readonly strict?: boolean
  /** `null` is a value (`nullable`). */
  readonly orNull?: boolean
  /** The value when absent or dropped; none: the property is left out. */
  readonly fallback?: () => unknown
}

// The property signatures made here, with how their field is read.
const registered = new WeakMap<object, Field>()

const register = <P extends object>(signature: P, key: string, schema: Schema.Schema.Any, options: FieldOptions): P => {
  registered.set(signature, {
    key,
    schema,
    // Every field schema here is context-free (`Schema.Schema.AnyNoContext`).
    decode: ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, unknown, never>),
    isString: schema.ast === Schema.String.ast,
    ...options
  })
  return signature
}

// A value the field takes as it is, known without running its parser.
const takenAsIs = (field: Field, value: unknown): boolean =>
  (field.orNull === true && value === null) || (field.isString && typeof value === "string")

const fits = (field: Field, value: unknown): boolean => takenAsIs(field, value) || Either.isRight(field.decode(value))

/**
 * A field the value cannot do without: required, and decoded strictly.
 *
 * @internal
 */
export const essential = <S extends Schema.Schema.AnyNoContext>(schema: S, key: string) =>
  register(Schema.propertySignature(schema).pipe(Schema.fromKey(key)), key, schema, { required: true, strict: true })

/**
 * A field that is `null` when absent or `null`, and must otherwise decode (a page's next link).
 *
 * @internal
 */
export const essentialOrNull = <S extends Schema.Schema.AnyNoContext>(schema: S, key: string) =>
  register(
    Schema.optionalWith(Schema.NullOr(schema), { default: () => null }).pipe(Schema.fromKey(key)),
    key,
    schema,
    { strict: true, orNull: true, fallback: () => null }
  )

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
    { orNull: true, fallback: () => null }
  )

/**
 * A field that is absent when absent or not a valid `schema` value (form fields, where there is
 * no `null`).
 *
 * @internal
 */
export const optional = <S extends Schema.Schema.AnyNoContext>(schema: S, key: string) =>
  register(Schema.optionalWith(schema, { exact: true }).pipe(Schema.fromKey(key)), key, schema, {})

/**
 * A field that takes `fallback()` when absent or not a valid `schema` value.
 *
 * @internal
 */
export const withDefault = <S extends Schema.Schema.AnyNoContext>(
  schema: S,
  key: string,
  fallback: () => Schema.Schema.Type<S>
) => register(Schema.optionalWith(schema, { default: fallback }).pipe(Schema.fromKey(key)), key, schema, { fallback })

const Unreadable = /*#__PURE__*/ Schema.typeSchema(UnreadableFields)

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
  const lenient = Object.values(fields).flatMap((signature) => {
    const field = registered.get(signature)
    return field === undefined || field.strict ? [] : [field]
  })
  const decoded = Schema.transform(Schema.Object, Schema.Struct(all), {
    strict: false,
    decode: (input: object) => {
      const fields = input as Record<PropertyKey, unknown>
      const dropped: Array<UnreadableField> = []
      const kept: Record<PropertyKey, unknown> = { ...fields }
      for (const field of lenient) {
        const key = field.key
        if (Object.hasOwn(fields, key) && !fits(field, fields[key])) {
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

/**
 * A class made with `Schema.Class` from a `struct`.
 *
 * @internal
 */
export interface LenientClass<Self> extends Schema.Schema<Self, any> {
  new(props: any, options?: boolean): Self
  readonly fields: Schema.Struct.Fields
}

/** Reads one field of `input` into `props`; `false`: the input is not valid, leave it to the schema. */
type Step = (input: Record<string, unknown>, props: Record<string, unknown>, dropped: Array<UnreadableField>) => boolean

const step = (name: string, field: Field, decode: Field["decode"]): Step => {
  const { fallback, key, required, strict } = field
  return (input, props, dropped) => {
    if (Object.hasOwn(input, key)) {
      const value = input[key]
      if (takenAsIs(field, value)) {
        props[name] = value
        return true
      }
      const decoded = decode(value)
      if (Either.isRight(decoded)) {
        props[name] = decoded.right
        return true
      }
      if (strict) return false
      dropped.push(new UnreadableField({ field: key, value }))
    } else if (required) return false
    if (fallback !== undefined) props[name] = fallback()
    return true
  }
}

/**
 * Decodes a lenient class in one pass: each field read once, by its own schema, and the instance
 * made without validating it again. The schema's own decoding checks each lenient field, decodes
 * it again in the struct, validates the result and then builds the class: about five times the
 * CPU for a call. Same value as `Schema.decodeUnknownEither(schema, { errors: "all" })` (a
 * property test holds the two equal); input that fails is handed to that decoder, so the error
 * is the schema's own, with every path. A class with a field not made here always takes the
 * schema's path.
 *
 * @internal
 */
export const decoder = <Self>(
  schema: LenientClass<Self>,
  /** Faster decoders of some fields (a page's calls, each by its own one-pass decoder). */
  fieldDecoders: Readonly<Record<string, Field["decode"]>> = {}
): (input: unknown) => Either.Either<Self, ParseResult.ParseError> => {
  const full = Schema.decodeUnknownEither(schema, { errors: "all" })
  // Made on first use: a class's fields may refer to classes defined after it.
  let steps: ReadonlyArray<Step> | undefined
  return (input) => {
    steps ??= Object.entries(schema.fields).flatMap(([name, signature]): Array<Step> => {
      const field = registered.get(signature)
      return signature === unreadable ? [] : [field === undefined ? () => false : step(name, field, fieldDecoders[name] ?? field.decode)]
    })
    if (typeof input !== "object" || input === null) return full(input)
    const props: Record<string, unknown> = {}
    const dropped: Array<UnreadableField> = []
    for (const read of steps) {
      if (!read(input as Record<string, unknown>, props, dropped)) return full(input)
    }
    props.unreadable = dropped
    return Either.right(new schema(props, true))
  }
}
