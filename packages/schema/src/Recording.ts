/**
 * The recording options of a call: channels, track, which recording events call back, and
 * silence trimming.
 *
 * @since 0.1.0
 */
import { oneOf } from "./internal/rules.js"

/**
 * `mono` (default) or `dual` (one channel per leg).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { Recording } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(Recording.RecordingChannels)("dual"), true)
 * ```
 */
export const RecordingChannels = oneOf("mono", "dual").annotations({ identifier: "RecordingChannels" })

/**
 * @since 0.1.0
 * @category models
 */
export type RecordingChannels = typeof RecordingChannels.Type

/**
 * Which audio to record: `inbound`, `outbound` or `both` (default).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { Recording } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(Recording.RecordingTrack)("both"), true)
 * ```
 */
export const RecordingTrack = oneOf("inbound", "outbound", "both").annotations({ identifier: "RecordingTrack" })

/**
 * @since 0.1.0
 * @category models
 */
export type RecordingTrack = typeof RecordingTrack.Type

/**
 * Recording events that call `RecordingStatusCallback`: `completed` (default), `in-progress`,
 * `absent`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { Recording } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(Recording.RecordingStatusCallbackEvent)("completed"), true)
 * ```
 */
export const RecordingStatusCallbackEvent = oneOf("completed", "in-progress", "absent").annotations({
  identifier: "RecordingStatusCallbackEvent"
})

/**
 * @since 0.1.0
 * @category models
 */
export type RecordingStatusCallbackEvent = typeof RecordingStatusCallbackEvent.Type

/**
 * `trim-silence` (default) or `do-not-trim` leading and trailing silence.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { Recording } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(Recording.Trim)("trim-silence"), true)
 * ```
 */
export const Trim = oneOf("trim-silence", "do-not-trim").annotations({ identifier: "Trim" })

/**
 * @since 0.1.0
 * @category models
 */
export type Trim = typeof Trim.Type
