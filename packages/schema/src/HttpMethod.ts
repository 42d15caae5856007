/**
 * How SignalWire requests a webhook: `GET` or `POST` (its default).
 *
 * @since 0.1.0
 */
import { oneOf } from "./internal/rules.js"

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { HttpMethod } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(HttpMethod.HttpMethod)("POST"), true)
 * assert.strictEqual(Schema.is(HttpMethod.HttpMethod)("PUT"), false)
 * ```
 */
export const HttpMethod = oneOf("GET", "POST").annotations({ identifier: "HttpMethod" })

/**
 * @since 0.1.0
 * @category models
 */
export type HttpMethod = typeof HttpMethod.Type
