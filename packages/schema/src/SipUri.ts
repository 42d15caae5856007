/**
 * A SIP address: `sip:` or `sips:`, an optional `user@`, a host with an optional port, then
 * optional `;params` and `?headers` (e.g. `sip:alice@example.com;transport=tls?X-Ref=1`).
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
 * import { SipUri } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.decodeUnknownSync(SipUri.SipUri)("sip:alice@example.com;transport=tls"), "sip:alice@example.com;transport=tls")
 * ```
 */
export const SipUri = matching(
  /^sips?:(?:[^\s@;?:]+(?::[^\s@;?]*)?@)?(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:;[^\s?;]+)*(?:\?\S+)?$/,
  "a SIP URI: sip: or sips:, optional user@, a host, optional ;params and ?headers"
).pipe(
  Schema.brand("SipUri"),
  Schema.annotations({ identifier: "SipUri" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type SipUri = typeof SipUri.Type

/**
 * @since 0.1.0
 * @category guards
 * @example
 * ```ts
 * import { SipUri } from "@effect-signalwire/schema"
 *
 * assert.strictEqual(SipUri.isSipUri("sips:bob@example.com"), true)
 * assert.strictEqual(SipUri.isSipUri("bob@example.com"), false)
 * ```
 */
export const isSipUri: (u: unknown) => u is SipUri = Schema.is(SipUri)
