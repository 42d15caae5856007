/**
 * A phone number in E.164 form: `+`, a country code that does not start with 0, and at most
 * 15 digits in all (e.g. `+13105678901`). PSTN calls need one on both ends.
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
 * import { PhoneNumber } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.decodeUnknownSync(PhoneNumber.PhoneNumber)("+13105678901"), "+13105678901")
 * ```
 */
export const PhoneNumber = matching(/^\+[1-9]\d{1,14}$/, "an E.164 phone number: + then 2-15 digits, no leading 0").pipe(
  Schema.brand("PhoneNumber"),
  Schema.annotations({ identifier: "PhoneNumber" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type PhoneNumber = typeof PhoneNumber.Type

/**
 * Whether a value is a valid E.164 phone number.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * ```ts
 * import { PhoneNumber } from "@effect-signalwire/schema"
 *
 * assert.strictEqual(PhoneNumber.isPhoneNumber("+13105678901"), true)
 * assert.strictEqual(PhoneNumber.isPhoneNumber("3105678901"), false)
 * ```
 */
export const isPhoneNumber: (u: unknown) => u is PhoneNumber = Schema.is(PhoneNumber)
