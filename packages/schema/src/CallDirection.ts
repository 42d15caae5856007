/**
 * Which way a call goes. SignalWire's spec says `inbound` | `outbound`; its responses and
 * callbacks (like Twilio's) say `outbound-api` and `outbound-dial`. All are known; anything else
 * is kept as an `UnrecognizedCallDirection`.
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"
import { openEnum } from "./internal/openEnum.js"

const CallDirectionEnum = openEnum("CallDirection", ["inbound", "outbound", "outbound-api", "outbound-dial"])

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CallDirection } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(CallDirection.KnownCallDirection)("outbound-api"), true)
 * ```
 */
export const KnownCallDirection = CallDirectionEnum.known

/**
 * @since 0.1.0
 * @category models
 */
export type KnownCallDirection = typeof KnownCallDirection.Type

/**
 * @since 0.1.0
 * @category models
 */
export type UnrecognizedCallDirection = Schema.Schema.Type<typeof CallDirectionEnum.unrecognized>

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CallDirection } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.decodeUnknownSync(CallDirection.CallDirection)("trunking-originating"), "trunking-originating")
 * ```
 */
export const CallDirection = CallDirectionEnum.schema

/**
 * @since 0.1.0
 * @category models
 */
export type CallDirection = typeof CallDirection.Type

/**
 * @since 0.1.0
 * @category guards
 * @example
 * ```ts
 * import { CallDirection } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownSync(CallDirection.CallDirection)
 * assert.strictEqual(CallDirection.isKnownCallDirection(decode("inbound")), true)
 * ```
 */
export const isKnownCallDirection: (direction: CallDirection) => direction is KnownCallDirection = CallDirectionEnum.isKnown
