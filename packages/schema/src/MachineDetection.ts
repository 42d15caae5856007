/**
 * Answering machine detection: `Enable` (decide as soon as possible), `DetectMessageEnd` (wait
 * for the greeting to end, e.g. to leave a message) or `none` (the default).
 *
 * @since 0.1.0
 */
import { oneOf } from "./internal/rules.js"

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { MachineDetection } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(MachineDetection.MachineDetection)("DetectMessageEnd"), true)
 * ```
 */
export const MachineDetection = oneOf("Enable", "DetectMessageEnd", "none").annotations({ identifier: "MachineDetection" })

/**
 * @since 0.1.0
 * @category models
 */
export type MachineDetection = typeof MachineDetection.Type
