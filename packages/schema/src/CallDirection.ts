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
 */
export const isKnownCallDirection: (direction: CallDirection) => direction is KnownCallDirection = CallDirectionEnum.isKnown
