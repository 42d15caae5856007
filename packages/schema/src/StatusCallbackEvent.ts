/**
 * The call progress events a `StatusCallback` is requested for. The Create a Call page
 * documents six; Twilio documents the first four. The default is `completed`.
 *
 * @since 0.1.0
 */
import { oneOf } from "./internal/rules.js"

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { StatusCallbackEvent } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(StatusCallbackEvent.StatusCallbackEvent)("answered"), true)
 * ```
 */
export const StatusCallbackEvent = oneOf(
  "initiated",
  "ringing",
  "answered",
  "completed",
  "ringing_forwarded",
  "ringing_queued"
).annotations({ identifier: "StatusCallbackEvent" })

/**
 * @since 0.1.0
 * @category models
 */
export type StatusCallbackEvent = typeof StatusCallbackEvent.Type
