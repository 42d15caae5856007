/**
 * An enum read from a response that must keep decoding when SignalWire adds a value: the known
 * literals, or any other string kept as it came, branded `Unrecognized…` so a `switch` over the
 * known values still narrows and the unknown case is visible in the type.
 *
 * @internal
 */
import * as Schema from "effect/Schema"

/** @internal */
export const openEnum = <const Name extends string, const Values extends ReadonlyArray<string>>(
  name: Name,
  values: Values
) => {
  const known = Schema.Literal(...values)
  const isKnown = Schema.is(known)
  const unrecognized = Schema.String.pipe(
    Schema.filter((s) => !isKnown(s), {
      arbitrary: () => (fc) => fc.stringMatching(/^[a-z][a-z_-]{0,15}$/).filter((s) => !isKnown(s))
    }),
    Schema.brand(`Unrecognized${name}`)
  )
  return {
    known,
    isKnown,
    unrecognized,
    schema: Schema.Union(known, unrecognized).annotations({ identifier: name })
  } as const
}
