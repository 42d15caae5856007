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
 */
export const isSipUri: (u: unknown) => u is SipUri = Schema.is(SipUri)
