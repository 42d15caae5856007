/**
 * The signature SignalWire puts on every webhook it sends, in `X-SignalWire-Signature` and, for
 * Twilio compatibility, `X-Twilio-Signature`. It is computed the Twilio way: HMAC-SHA1, keyed
 * with the project's signing key, over the full URL followed by each POST field's name and
 * value, the fields sorted by name; base64-encoded. A `GET` webhook carries its fields in the
 * URL and signs the URL alone.
 *
 * The emulator signs its status callbacks with it; a test (or an app) checks them with
 * {@link verify}, as it would check SignalWire's.
 *
 * @since 0.1.0
 */
import * as Redacted from "effect/Redacted"
import { createHmac, timingSafeEqual } from "node:crypto"

/**
 * @since 0.1.0
 * @category headers
 * @example
 * ```ts
 * import { WebhookSignature } from "@effect-signalwire/emulator"
 *
 * // Header names are lower case, as Node and the platform's Headers give them.
 * assert.strictEqual(WebhookSignature.signatureHeader, "x-signalwire-signature")
 * ```
 */
export const signatureHeader = "x-signalwire-signature"

/**
 * The same signature under Twilio's name.
 *
 * @since 0.1.0
 * @category headers
 * @example
 * ```ts
 * import { WebhookSignature } from "@effect-signalwire/emulator"
 *
 * assert.strictEqual(WebhookSignature.twilioSignatureHeader, "x-twilio-signature")
 * ```
 */
export const twilioSignatureHeader = "x-twilio-signature"

/**
 * What is signed: the URL the webhook was sent to, its POST fields (none for `GET`), and the key.
 *
 * @since 0.1.0
 * @category models
 */
export interface Signed {
  readonly url: string
  readonly params: ReadonlyArray<readonly [name: string, value: string]>
  readonly key: Redacted.Redacted<string> | string
}

const byName = (a: readonly [string, string], b: readonly [string, string]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0

/**
 * The base64 signature of a webhook.
 *
 * @since 0.1.0
 * @category signing
 * @example
 * ```ts
 * import { WebhookSignature } from "@effect-signalwire/emulator"
 *
 * WebhookSignature.sign({
 *   url: "https://example.com/status",
 *   params: [["CallSid", "b3877c40-da60-4998-90ad-b792e98472ca"], ["CallStatus", "ringing"]],
 *   key: "PTsigning-key"
 * })
 * ```
 */
export const sign = ({ key, params, url }: Signed): string => {
  const hmac = createHmac("sha1", Redacted.isRedacted(key) ? Redacted.value(key) : key)
  hmac.update(url)
  for (const [name, value] of [...params].sort(byName)) hmac.update(name + value)
  return hmac.digest("base64")
}

/**
 * Whether `signature` is the signature of the webhook (compared in constant time).
 *
 * @since 0.1.0
 * @category signing
 * @example
 * ```ts
 * import { WebhookSignature } from "@effect-signalwire/emulator"
 *
 * // The callback's form fields as [name, value] pairs, in any order.
 * const params = [["CallStatus", "completed"], ["CallSid", "b3877c40-da60-4998-90ad-b792e98472ca"]] as const
 * const url = "https://app.example.com/status"
 * const signature = WebhookSignature.sign({ url, params, key: "PTsigning-key" })
 * assert.strictEqual(WebhookSignature.verify({ url, params, key: "PTsigning-key", signature }), true)
 * assert.strictEqual(WebhookSignature.verify({ url, params, key: "another key", signature }), false)
 * ```
 */
export const verify = (signed: Signed & { readonly signature: string }): boolean => {
  const expected = Buffer.from(sign(signed))
  const given = Buffer.from(signed.signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
