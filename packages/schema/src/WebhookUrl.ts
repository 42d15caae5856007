/**
 * A URL SignalWire requests: absolute, `http:` or `https:`, with a host. Used for `Url`,
 * `FallbackUrl` and every status callback.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { violatesAll } from "./internal/rules.js"

// The WHATWG parser repairs `https:///x` and `http:/host` into valid URLs, but the text is what
// gets sent: it must itself start with the scheme and `//host`, with no white space anywhere.
const schemeAndHost = /^https?:\/\/[^\s/?#]/i

const isAbsoluteHttpUrl = (s: string): boolean => {
  if (!schemeAndHost.test(s) || /\s/.test(s) || s.length > 4096) return false
  try {
    const url = new URL(s)
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0
  } catch {
    return false
  }
}

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { WebhookUrl } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(WebhookUrl.WebhookUrl)
 * assert.strictEqual(decode("https://example.com/voice.xml")._tag, "Right")
 * assert.strictEqual(decode("/voice.xml")._tag, "Left")
 * ```
 */
export const WebhookUrl = Schema.String.pipe(
  Schema.filter(isAbsoluteHttpUrl, {
    message: violatesAll("an absolute http: or https: URL (e.g. https://example.com/voice.xml)"),
    arbitrary: () => (fc) => fc.webUrl({ validSchemes: ["http", "https"], withQueryParameters: true })
  }),
  Schema.brand("WebhookUrl"),
  Schema.annotations({ identifier: "WebhookUrl" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type WebhookUrl = typeof WebhookUrl.Type
