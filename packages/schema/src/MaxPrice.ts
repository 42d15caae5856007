/**
 * The most you accept to pay per minute, in USD, with up to 4 decimals (`MaxPricePerMinute`).
 * The current spec types it as a string `^\d+\.?\d{0,4}$`; an older one as a number, so a number
 * is accepted too and sent in decimal.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { matching, violatesAll } from "./internal/rules.js"

const rule = "a price in USD with at most 4 decimals, e.g. \"0.05\""

const MaxPriceString = matching(/^\d+\.?\d{0,4}$/, rule).pipe(
  Schema.brand("MaxPrice"),
  Schema.annotations({ identifier: "MaxPrice" })
)

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { MaxPrice } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * // A number or a decimal string; kept as the string SignalWire receives.
 * assert.strictEqual(Schema.decodeUnknownSync(MaxPrice.MaxPrice)(0.05), "0.05")
 * ```
 */
export const MaxPrice = Schema.Union(
  MaxPriceString,
  Schema.transform(Schema.Number, MaxPriceString, {
    strict: true,
    decode: (n) => String(n),
    encode: (s) => Number(s)
  })
).annotations({ identifier: "MaxPrice", message: violatesAll(rule) })

/**
 * @since 0.1.0
 * @category models
 */
export type MaxPrice = typeof MaxPrice.Type
