/**
 * Receiving SignalWire's webhooks (status, AMD and recording callbacks) in an `@effect/platform`
 * server, or in any fetch-style server (Workers, Next.js route handlers, `Bun.serve`,
 * `Deno.serve`, Hono) through {@link toWebHandler}.
 *
 * {@link handler} answers one webhook: it rebuilds the URL SignalWire called (see
 * `WebhookConfig`), verifies `X-SignalWire-Signature` (or `X-Twilio-Signature`) with the Signing
 * Key, decodes the fields with the payload's schema, runs your handler and answers:
 *
 * | what | answer |
 * | --- | --- |
 * | your handler succeeded with nothing | 200, empty |
 * | your handler returned a LaML document (`Laml.response`, or a string) | 200, `text/xml` |
 * | no signature, or not SignalWire's | 403, empty (why is logged, never the key) |
 * | a body that does not decode as the payload | 400, empty (the issues are logged) |
 *
 * A payload field that does not fit its type is left out (see the schema's `essentialFields`)
 * and logged at debug level, rather than answered 400: SignalWire would count the delivery as
 * failed. `GET` webhooks are read from the query string (the URL alone is signed); a JSON body is verified
 * through its `bodySHA256` query parameter. Callbacks may arrive late, twice or out of order:
 * see `CallbackSequence`.
 *
 * @since 0.1.0
 */
import type { UnreadableField } from "@effect-signalwire/schema"
import * as Laml from "@effect-signalwire/schema/Laml"
import * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Layer from "effect/Layer"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import { logUnreadable } from "./internal/unreadable.js"
import { WebhookConfig } from "./WebhookConfig.js"
import type * as WebhookConfigModule from "./WebhookConfig.js"
import * as WebhookSignature from "./WebhookSignature.js"

/**
 * What a handler may answer: nothing (200, empty), or a LaML document (200, `text/xml`), for the
 * webhooks whose answer SignalWire executes: a `Laml.response([...])` document (checked, then
 * rendered; one that breaks a rule is logged and answered 500) or an XML string, sent as it is.
 *
 * @since 0.1.0
 * @category models
 */
export type Reply = void | undefined | string | Laml.Response

/**
 * The parts of the request that a handler may want besides the decoded payload.
 *
 * @since 0.1.0
 * @category models
 */
export interface Received {
  /** The URL the signature was checked against. */
  readonly url: string
  readonly method: string
  readonly headers: Readonly<Record<string, string | undefined>>
}

const firstValue = (header: string | undefined): string | undefined => {
  const value = header?.split(",")[0]?.trim()
  return value === undefined || value === "" ? undefined : value
}

// `originalUrl` is the path and query on a Node server and the full URL of a fetch `Request`.
const pathAndQuery = (originalUrl: string): string => {
  if (originalUrl.startsWith("/")) return originalUrl
  const afterScheme = originalUrl.indexOf("//")
  const slash = afterScheme === -1 ? -1 : originalUrl.indexOf("/", afterScheme + 2)
  return slash === -1 ? "/" : originalUrl.slice(slash)
}

/**
 * The URL SignalWire called, rebuilt from the request as `WebhookConfig` says: `publicUrl` +
 * path and query if configured; else, when the proxy is trusted, `X-Forwarded-Proto` and
 * `X-Forwarded-Host`; else the URL the server saw.
 *
 * @since 0.1.0
 * @category urls
 * @example
 * ```ts
 * import { Webhook, WebhookConfig } from "@effect-signalwire/client"
 * import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
 * import * as Effect from "effect/Effect"
 *
 * const url = Effect.zipWith(HttpServerRequest.HttpServerRequest, WebhookConfig.WebhookConfig, Webhook.receivedUrl)
 * ```
 */
export const receivedUrl = (request: HttpServerRequest.HttpServerRequest, config: WebhookConfigModule.Service): string => {
  const path = pathAndQuery(request.originalUrl)
  if (config.publicUrl !== undefined) return `${config.publicUrl}${path}`
  const seen = request.originalUrl.startsWith("/") ? undefined : request.originalUrl
  const scheme = seen === undefined ? "http" : seen.slice(0, seen.indexOf(":"))
  const host = request.headers.host ?? (seen === undefined ? "localhost" : seen.slice(seen.indexOf("//") + 2).split("/")[0]!)
  if (config.trustProxy) {
    const forwardedScheme = firstValue(request.headers["x-forwarded-proto"])
    const forwardedHost = firstValue(request.headers["x-forwarded-host"])
    return `${forwardedScheme ?? scheme}://${forwardedHost ?? host}${path}`
  }
  return seen ?? `${scheme}://${host}${path}`
}

const formPairs = (text: string): Array<readonly [string, string]> => Array.from(new URLSearchParams(text))

const isJson = (contentType: string | undefined) => contentType !== undefined && /^application\/([\w.+-]*\+)?json\b/i.test(contentType)

// The payload schemas keep the fields that did not fit in `unreadable` (logged at debug level).
const hasUnreadable = (value: unknown): value is { readonly unreadable: ReadonlyArray<UnreadableField.UnreadableField> } =>
  typeof value === "object" && value !== null && Array.isArray((value as { readonly unreadable?: unknown }).unreadable)

type Rejection = { readonly status: 400 | 403; readonly log: string; readonly annotations: Record<string, unknown> }

const reject = (rejection: Rejection) =>
  Effect.as(
    Effect.annotateLogs(Effect.logWarning(rejection.log), rejection.annotations),
    HttpServerResponse.empty({ status: rejection.status })
  )

/**
 * An `HttpApp` that receives one kind of webhook: verified, decoded with `payload` (such as
 * `StatusCallback.StatusCallback`, `AsyncAmdStatusCallback.AsyncAmdStatusCallback`,
 * `RecordingStatusCallback.RecordingStatusCallback`), handed to `handle`. Route it with
 * `HttpRouter` (`HttpRouter.post("/status", ...)`, or `HttpRouter.all` for `GET` callbacks).
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * ```ts
 * import { WebhookConfig, Webhook } from "@effect-signalwire/client"
 * import { StatusCallback } from "@effect-signalwire/schema"
 * import * as HttpRouter from "@effect/platform/HttpRouter"
 * import * as Effect from "effect/Effect"
 *
 * export const router = HttpRouter.empty.pipe(
 *   HttpRouter.post(
 *     "/status",
 *     Webhook.handler(StatusCallback.StatusCallback, (callback) =>
 *       Effect.log(`call ${callback.callSid} is ${callback.callStatus}`))
 *   )
 * )
 * // provide WebhookConfig.layerConfig() (reads SIGNALWIRE_SIGNING_KEY) where the router is served
 * export const ConfigLive = WebhookConfig.layerConfig()
 * ```
 */
export const handler = <A, I, E, R>(
  payload: Schema.Schema<A, I, never>,
  handle: (payload: A, received: Received) => Effect.Effect<Reply, E, R>
): Effect.Effect<HttpServerResponse.HttpServerResponse, E, R | WebhookConfig | HttpServerRequest.HttpServerRequest> => {
  const decode = Schema.decodeUnknown(payload, { errors: "all" })
  return Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const config = yield* WebhookConfig
    const url = receivedUrl(request, config)
    const signature = request.headers[WebhookSignature.signatureHeader] ?? request.headers[WebhookSignature.twilioSignatureHeader]
    // A GET (or HEAD) carries its fields in the query string, and only the URL is signed.
    const bodyless = request.method === "GET" || request.method === "HEAD"
    const body = bodyless ? Either.right("") : yield* Effect.either(request.text)
    if (Either.isLeft(body)) {
      return yield* reject({ status: 400, log: "SignalWire webhook rejected: its body could not be read", annotations: { url, cause: body.left.message } })
    }
    const text = body.right
    const json = text !== "" && isJson(request.headers["content-type"])
    const fields = bodyless ? formPairs(url.includes("?") ? url.slice(url.indexOf("?") + 1) : "") : json ? [] : formPairs(text)
    const verified = yield* Effect.either(
      json
        ? WebhookSignature.verify({ signingKey: config.signingKey, url, body: text, signature })
        : WebhookSignature.verify({ signingKey: config.signingKey, url, params: bodyless ? [] : fields, signature })
    )
    if (verified._tag === "Left") {
      return yield* reject({
        status: 403,
        log: `SignalWire webhook rejected: ${verified.left.message}`,
        annotations: { url, reason: verified.left.reason }
      })
    }
    const input = json ? yield* Effect.either(Effect.try(() => JSON.parse(text) as unknown)) : undefined
    if (input !== undefined && input._tag === "Left") {
      return yield* reject({ status: 400, log: "SignalWire webhook rejected: its JSON body does not parse", annotations: { url } })
    }
    const decoded = yield* Effect.either(decode(input === undefined ? Object.fromEntries(fields) : input.right))
    if (decoded._tag === "Left") {
      return yield* reject({
        status: 400,
        log: "SignalWire webhook rejected: its fields do not decode",
        annotations: { url, issues: ParseResult.TreeFormatter.formatErrorSync(decoded.left) }
      })
    }
    if (hasUnreadable(decoded.right)) yield* Effect.annotateLogs(logUnreadable("webhook", decoded.right), { url })
    const reply = yield* handle(decoded.right, { url, method: request.method, headers: request.headers })
    if (Laml.isResponse(reply)) {
      const xml = yield* Effect.either(Laml.encode(reply))
      if (Either.isLeft(xml)) {
        yield* Effect.annotateLogs(Effect.logError("webhook handler answered a LaML document that breaks a rule"), {
          url,
          issues: ParseResult.TreeFormatter.formatErrorSync(xml.left)
        })
        return HttpServerResponse.empty({ status: 500 })
      }
      return HttpServerResponse.text(xml.right, { contentType: "text/xml" })
    }
    return typeof reply === "string"
      ? HttpServerResponse.text(reply, { contentType: "text/xml" })
      : HttpServerResponse.empty({ status: 200 })
  }).pipe(Effect.withSpan("Webhook.handler"))
}

/**
 * A `(request: Request) => Promise<Response>` for fetch-style servers, built from an `HttpApp`
 * (a {@link handler}, or an `HttpRouter` turned into one) and the layer that provides
 * `WebhookConfig` and what your handlers need. The layer is built once, on the first request;
 * `dispose()` releases it.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * ```ts
 * import { Webhook, WebhookConfig } from "@effect-signalwire/client"
 * import { StatusCallback } from "@effect-signalwire/schema"
 * import * as Effect from "effect/Effect"
 * import * as Redacted from "effect/Redacted"
 *
 * const fetchHandler = Webhook.toWebHandler(
 *   Webhook.handler(StatusCallback.StatusCallback, (callback) => Effect.log(callback.callStatus)),
 *   WebhookConfig.layer({ signingKey: Redacted.make("PSxxxxxxxx") })
 * )
 * // Cloudflare Workers: export default { fetch: fetchHandler }; Bun.serve({ fetch: fetchHandler }) ...
 * export default { fetch: fetchHandler }
 * ```
 */
export const toWebHandler = <E, R, RE>(
  app: HttpApp.Default<E, R | Scope.Scope>,
  layer: Layer.Layer<R, RE>
): ((request: Request) => Promise<Response>) & { readonly dispose: () => Promise<void> } => {
  const { dispose, handler } = HttpApp.toWebHandlerLayer(app, layer)
  return Object.assign((request: Request) => handler(request), { dispose })
}
