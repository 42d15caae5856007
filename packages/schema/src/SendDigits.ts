/**
 * Keys to press once the call connects: 1-32 of `0-9`, `#`, `*`, `w` (wait 0.5 s), `W` (wait 1 s).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { matching } from "./internal/rules.js"

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { SendDigits } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * // Digits, # and *, and w / W to wait half a second / a second.
 * assert.strictEqual(Schema.decodeUnknownSync(SendDigits.SendDigits)("ww1234#"), "ww1234#")
 * ```
 */
export const SendDigits = matching(/^[\d#*wW]{1,32}$/, "1-32 of the keys 0-9 # * w W").pipe(
  Schema.brand("SendDigits"),
  Schema.annotations({ identifier: "SendDigits" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type SendDigits = typeof SendDigits.Type
