/**
 * The signature SignalWire puts on every webhook it sends, in `X-SignalWire-Signature` and, for
 * Twilio compatibility, `X-Twilio-Signature`: HMAC-SHA1 keyed with the project's **Signing Key**
 * (Dashboard → API → Signing Key; not the API token), over the full URL followed by each POST
 * field's name and value, the fields sorted by name, base64-encoded.
 *
 * - A `GET` webhook carries its fields in the query string: the URL alone is signed.
 * - A JSON body is signed through the URL: its SHA-256 (hex) is the `bodySHA256` query
 *   parameter and the URL alone is signed (the official SDK's `validateRequestWithBody`).
 * - {@link verify} accepts the URL with and without its port, as the official validators do
 *   (SignalWire may sign `https://host/path` or `https://host:443/path`).
 *
 * Runs on WebCrypto (`globalThis.crypto.subtle`) only, so on Node 20+, Bun, Deno, Cloudflare
 * Workers and edge runtimes; signatures are compared in constant time.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/**
 * @since 0.1.0
 * @category headers
 * @example
 * ```ts
 * import { WebhookSignature } from "@effect-signalwire/client"
 *
 * const header = (request: Request) =>
 *   request.headers.get(WebhookSignature.signatureHeader) ?? request.headers.get(WebhookSignature.twilioSignatureHeader)
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
 * import { WebhookSignature } from "@effect-signalwire/client"
 *
 * console.log(WebhookSignature.twilioSignatureHeader) // "x-twilio-signature"
 * ```
 */
export const twilioSignatureHeader = "x-twilio-signature"

/**
 * The fields of a webhook: a record (a parsed form; an array value is a repeated field), a
 * `URLSearchParams`, or `[name, value]` pairs (repeated names kept).
 *
 * @since 0.1.0
 * @category models
 */
export type Params =
  | Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  | URLSearchParams
  | Iterable<readonly [name: string, value: string]>

/**
 * What is signed: the URL SignalWire called (with its query string) and the POST fields (none
 * for a `GET` or a JSON body).
 *
 * @since 0.1.0
 * @category models
 */
export interface SignInput {
  readonly signingKey: Redacted.Redacted<string>
  readonly url: string
  readonly params?: Params | undefined
}

/**
 * What is checked: either the form fields (`params`) or the raw JSON `body` whose SHA-256 the
 * URL's `bodySHA256` parameter carries; `signature` is the header's value as received.
 *
 * @since 0.1.0
 * @category models
 */
export type VerifyInput =
  & {
    readonly signingKey: Redacted.Redacted<string>
    readonly url: string
    readonly signature: string | null | undefined
  }
  & (
    | { readonly params?: Params | undefined; readonly body?: undefined }
    | { readonly body: string; readonly params?: undefined }
  )

/**
 * Marks the errors of this module (as `CreateCallError`'s): `isInvalidSignature` checks for it.
 *
 * @since 0.1.0
 * @category type ids
 * @example
 * ```ts
 * import { WebhookSignature } from "@effect-signalwire/client"
 *
 * const error = new WebhookSignature.InvalidSignature({ reason: "Mismatch", url: "https://app.example.com/status" })
 * assert.strictEqual(WebhookSignature.TypeId in error, true)
 * ```
 */
export const TypeId: unique symbol = Symbol.for("@effect-signalwire/client/WebhookSignature")

/**
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * Whether a value is an {@link InvalidSignature} of this library (not another library's error
 * that happens to share the tag).
 *
 * @example
 * ```ts
 * import { WebhookSignature } from "@effect-signalwire/client"
 *
 * const error = new WebhookSignature.InvalidSignature({ reason: "Missing", url: "https://app.example.com/status" })
 * assert.strictEqual(WebhookSignature.isInvalidSignature(error), true)
 * assert.strictEqual(WebhookSignature.isInvalidSignature({ _tag: "InvalidSignature" }), false)
 * ```
 *
 * @since 0.1.0
 * @category guards
 */
export const isInvalidSignature = (u: unknown): u is InvalidSignature => Predicate.hasProperty(u, TypeId)

/**
 * A webhook that does not carry a valid signature. `reason`: `Missing` (no header),
 * `Mismatch` (not the signature of this URL and these fields with this key), `BodyMismatch`
 * (the body is not the one whose SHA-256 the URL's `bodySHA256` names). Carries the URL that
 * was checked; never the key.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * ```ts
 * import { WebhookSignature } from "@effect-signalwire/client"
 * import * as Effect from "effect/Effect"
 * import * as Redacted from "effect/Redacted"
 *
 * const checked = WebhookSignature.verify({
 *   signingKey: Redacted.make("PSxxxxxxxx"),
 *   url: "https://app.example.com/status",
 *   signature: undefined
 * }).pipe(Effect.catchTag("InvalidSignature", (error) => Effect.succeed(error.reason))) // "Missing"
 * ```
 */
export class InvalidSignature extends Schema.TaggedError<InvalidSignature>(
  "@effect-signalwire/client/WebhookSignature/InvalidSignature"
)("InvalidSignature", {
  reason: Schema.Literal("Missing", "Mismatch", "BodyMismatch"),
  url: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  readonly [TypeId]: TypeId = TypeId

  override get message(): string {
    switch (this.reason) {
      case "Missing":
        return `The webhook to ${this.url} carries no X-SignalWire-Signature or X-Twilio-Signature header`
      case "Mismatch":
        return `The webhook's signature does not match ${this.url} and its fields with the configured Signing Key`
      case "BodyMismatch":
        return `The webhook's body is not the one whose SHA-256 the bodySHA256 parameter of ${this.url} names`
    }
  }
}

const encoder = new TextEncoder()

const toPairs = (params: Params | undefined): Array<readonly [string, string]> => {
  if (params === undefined) return []
  if (params instanceof URLSearchParams || Symbol.iterator in params) {
    return Array.from(params as Iterable<readonly [string, string]>)
  }
  const pairs: Array<readonly [string, string]> = []
  for (const [name, value] of Object.entries(params as Record<string, string | ReadonlyArray<string> | undefined>)) {
    if (value === undefined) continue
    if (typeof value === "string") pairs.push([name, value])
    else for (const each of value) pairs.push([name, each])
  }
  return pairs
}

// Names in UTF-16 code unit order (JavaScript's default sort, as the official SDK sorts); a
// repeated name keeps its values in the order they came (the sort is stable).
const signedData = (url: string, params: Params | undefined): string => {
  let data = url
  for (const [name, value] of toPairs(params).sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) {
    data += name + value
  }
  return data
}

// HMAC pads a key shorter than its block with zero bytes, so the empty key is the one-zero-byte
// key; WebCrypto refuses a zero-length key, node:crypto and the official SDK do not.
const importKey = (signingKey: Redacted.Redacted<string>) => {
  const bytes = encoder.encode(Redacted.value(signingKey))
  return globalThis.crypto.subtle.importKey(
    "raw",
    bytes.length === 0 ? new Uint8Array(1) : bytes,
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"]
  )
}

// One imported (non-extractable) key per configured Redacted: a receiver verifies every callback
// with the same one.
const importedKeys = new WeakMap<Redacted.Redacted<string>, Promise<CryptoKey>>()

const hmacKey = (signingKey: Redacted.Redacted<string>): Promise<CryptoKey> => {
  let key = importedKeys.get(signingKey)
  if (key === undefined) {
    key = importKey(signingKey)
    importedKeys.set(signingKey, key)
  }
  return key
}

const base64 = (bytes: ArrayBuffer): string => {
  let binary = ""
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

const hmac = (key: CryptoKey, data: string) =>
  Effect.map(Effect.promise(() => globalThis.crypto.subtle.sign("HMAC", key, encoder.encode(data))), base64)

// Constant time for equal lengths; a length differs only for a malformed header.
const equalInConstantTime = (a: string, b: string): boolean => {
  const left = encoder.encode(a)
  const right = encoder.encode(b)
  if (left.length !== right.length) return false
  let difference = 0
  for (let i = 0; i < left.length; i++) difference |= left[i]! ^ right[i]!
  return difference === 0
}

const authority = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/?#]*)(.*)$/s
const hostAndPort = /^((?:.*@)?(?:\[[^\]]*\]|[^:]*))(?::(\d*))?$/s

/**
 * The forms of a URL SignalWire may have signed: as given, without its port, and with the
 * scheme's default port written out (443 for https, 80 otherwise, as the official SDK does).
 *
 * @since 0.1.0
 * @category urls
 * @example
 * ```ts
 * import { WebhookSignature } from "@effect-signalwire/client"
 *
 * console.log(WebhookSignature.urlVariants("https://app.example.com/status"))
 * // ["https://app.example.com/status", "https://app.example.com:443/status"]
 * ```
 */
export const urlVariants = (url: string): ReadonlyArray<string> => {
  const parts = authority.exec(url)
  const host = parts === null ? null : hostAndPort.exec(parts[2]!)
  if (parts === null || host === null) return [url]
  const [, scheme, , rest] = parts
  const withoutPort = `${scheme}${host[1]}${rest}`
  const withPort = host[2] !== undefined && host[2] !== ""
    ? url
    : `${scheme}${host[1]}:${scheme!.toLowerCase() === "https://" ? 443 : 80}${rest}`
  return Array.from(new Set([url, withoutPort, withPort]))
}

/**
 * The SHA-256 of a body, lowercase hex: the value of the `bodySHA256` query parameter that
 * signs a JSON body.
 *
 * @since 0.1.0
 * @category signing
 * @example
 * ```ts
 * import { WebhookSignature } from "@effect-signalwire/client"
 * import * as Effect from "effect/Effect"
 *
 * const body = JSON.stringify({ call_sid: "b3877c40-da60-4998-90ad-b792e98472ca" })
 * Effect.runPromise(WebhookSignature.bodySHA256(body)).then((hash) =>
 *   console.log(`https://app.example.com/hook?bodySHA256=${hash}`))
 * ```
 */
export const bodySHA256 = (body: string): Effect.Effect<string> =>
  Effect.map(
    Effect.promise(() => globalThis.crypto.subtle.digest("SHA-256", encoder.encode(body))),
    (digest) => Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("")
  )

/**
 * The base64 signature of a webhook, as SignalWire computes it.
 *
 * @since 0.1.0
 * @category signing
 * @example
 * ```ts
 * import { WebhookSignature } from "@effect-signalwire/client"
 * import * as Effect from "effect/Effect"
 * import * as Redacted from "effect/Redacted"
 *
 * const signature: Effect.Effect<string> = WebhookSignature.sign({
 *   signingKey: Redacted.make("PSxxxxxxxx"),
 *   url: "https://app.example.com/status",
 *   params: { CallSid: "b3877c40-da60-4998-90ad-b792e98472ca", CallStatus: "ringing" }
 * })
 * ```
 */
export const sign = (input: SignInput): Effect.Effect<string> =>
  Effect.flatMap(Effect.promise(() => hmacKey(input.signingKey)), (key) => hmac(key, signedData(input.url, input.params)))

/**
 * Succeeds when `signature` is the signature of the webhook (the URL with or without its port),
 * fails with {@link InvalidSignature} otherwise.
 *
 * @since 0.1.0
 * @category verifying
 * @example
 * ```ts
 * import { WebhookSignature } from "@effect-signalwire/client"
 * import * as Effect from "effect/Effect"
 * import * as Redacted from "effect/Redacted"
 *
 * const handle = (request: Request) =>
 *   Effect.gen(function*() {
 *     const params = new URLSearchParams(yield* Effect.promise(() => request.text()))
 *     yield* WebhookSignature.verify({
 *       signingKey: Redacted.make("PSxxxxxxxx"),
 *       url: "https://app.example.com/status",
 *       params,
 *       signature: request.headers.get(WebhookSignature.signatureHeader)
 *     })
 *     return params.get("CallStatus")
 *   })
 * ```
 */
export const verify = (input: VerifyInput): Effect.Effect<void, InvalidSignature> =>
  Effect.gen(function*() {
    const signature = input.signature
    if (signature === undefined || signature === null || signature === "") {
      return yield* new InvalidSignature({ reason: "Missing", url: input.url })
    }
    const key = yield* Effect.promise(() => hmacKey(input.signingKey))
    let matched = false
    for (const url of urlVariants(input.url)) {
      // Every variant is computed and compared, so the time taken does not say which matched.
      const expected = yield* hmac(key, signedData(url, input.body === undefined ? input.params : undefined))
      matched = equalInConstantTime(expected, signature) || matched
    }
    if (!matched) return yield* new InvalidSignature({ reason: "Mismatch", url: input.url })
    if (input.body !== undefined) {
      const named = bodyHashOf(input.url)
      const actual = yield* bodySHA256(input.body)
      if (named === undefined || !equalInConstantTime(actual, named.toLowerCase())) {
        return yield* new InvalidSignature({ reason: "BodyMismatch", url: input.url })
      }
    }
  })

const bodyHashOf = (url: string): string | undefined => {
  const query = url.indexOf("?")
  if (query === -1) return undefined
  const end = url.indexOf("#", query)
  return new URLSearchParams(url.slice(query + 1, end === -1 ? undefined : end)).get("bodySHA256") ?? undefined
}
