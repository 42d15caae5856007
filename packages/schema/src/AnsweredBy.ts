/**
 * Who answered, when machine detection ran. SignalWire documents `human` and `machine`;
 * Twilio's finer values are known too; anything else is kept as an `UnrecognizedAnsweredBy`.
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"
import { openEnum } from "./internal/openEnum.js"

const AnsweredByEnum = openEnum("AnsweredBy", [
  "human",
  "machine",
  "machine_start",
  "machine_end_beep",
  "machine_end_silence",
  "machine_end_other",
  "fax",
  "unknown"
])

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { AnsweredBy } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(AnsweredBy.KnownAnsweredBy)("human"), true)
 * ```
 */
export const KnownAnsweredBy = AnsweredByEnum.known

/**
 * @since 0.1.0
 * @category models
 */
export type KnownAnsweredBy = typeof KnownAnsweredBy.Type

/**
 * @since 0.1.0
 * @category models
 */
export type UnrecognizedAnsweredBy = Schema.Schema.Type<typeof AnsweredByEnum.unrecognized>

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { AnsweredBy } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * // A value this version does not know still decodes.
 * assert.strictEqual(Schema.decodeUnknownSync(AnsweredBy.AnsweredBy)("fax_tone"), "fax_tone")
 * ```
 */
export const AnsweredBy = AnsweredByEnum.schema

/**
 * @since 0.1.0
 * @category models
 */
export type AnsweredBy = typeof AnsweredBy.Type

/**
 * @since 0.1.0
 * @category guards
 * @example
 * ```ts
 * import { AnsweredBy } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownSync(AnsweredBy.AnsweredBy)
 * assert.strictEqual(AnsweredBy.isKnownAnsweredBy(decode("machine_end_beep")), true)
 * ```
 */
export const isKnownAnsweredBy: (answeredBy: AnsweredBy) => answeredBy is KnownAnsweredBy = AnsweredByEnum.isKnown
