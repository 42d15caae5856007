/**
 * Where a call goes to or comes from: an E.164 phone number, a SIP URI or a client identifier.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ClientIdentifier } from "./ClientIdentifier.js"
import { violatesAll } from "./internal/rules.js"
import { PhoneNumber } from "./PhoneNumber.js"
import { SipUri } from "./SipUri.js"

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CallAddress } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownSync(CallAddress.CallAddress)
 * assert.strictEqual(decode("+13105678901"), "+13105678901")
 * assert.strictEqual(decode("sip:alice@example.com"), "sip:alice@example.com")
 * assert.strictEqual(decode("client:alice"), "client:alice")
 * ```
 */
export const CallAddress = Schema.Union(PhoneNumber, SipUri, ClientIdentifier).annotations({
  identifier: "CallAddress",
  message: violatesAll("an E.164 phone number (+13105678901), a SIP URI (sip:alice@example.com) or a client identifier (client:alice)")
})

/**
 * @since 0.1.0
 * @category models
 */
export type CallAddress = typeof CallAddress.Type

/**
 * @since 0.1.0
 * @category guards
 * @example
 * ```ts
 * import { CallAddress } from "@effect-signalwire/schema"
 *
 * assert.strictEqual(CallAddress.isCallAddress("+13105678901"), true)
 * assert.strictEqual(CallAddress.isCallAddress("310-567-8901"), false)
 * ```
 */
export const isCallAddress: (u: unknown) => u is CallAddress = Schema.is(CallAddress)
