/**
 * A client identifier, `client:` followed by a name (letters, digits, `_ . @ -`), addressing a
 * SignalWire client endpoint rather than a phone or SIP address.
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
 * import { ClientIdentifier } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.decodeUnknownSync(ClientIdentifier.ClientIdentifier)("client:alice"), "client:alice")
 * ```
 */
export const ClientIdentifier = matching(
  /^client:[A-Za-z0-9_.@-]{1,128}$/,
  "a client identifier: client: then 1-128 letters, digits, _ . @ or -"
).pipe(
  Schema.brand("ClientIdentifier"),
  Schema.annotations({ identifier: "ClientIdentifier" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type ClientIdentifier = typeof ClientIdentifier.Type

/**
 * @since 0.1.0
 * @category guards
 * @example
 * ```ts
 * import { ClientIdentifier } from "@effect-signalwire/schema"
 *
 * assert.strictEqual(ClientIdentifier.isClientIdentifier("client:alice"), true)
 * assert.strictEqual(ClientIdentifier.isClientIdentifier("alice"), false)
 * ```
 */
export const isClientIdentifier: (u: unknown) => u is ClientIdentifier = Schema.is(ClientIdentifier)
