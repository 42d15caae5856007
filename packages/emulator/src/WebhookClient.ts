/**
 * The `HttpClient` the emulator delivers webhooks with (status callbacks, AMD results, recording
 * events), under a tag of its own. It is never the `HttpClient` your code calls the API through
 * (e.g. the in-process `EmulatorClient`), so one layer can provide that one and require this one
 * without either standing in for the other.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * @since 0.1.0
 * @category tags
 * @example
 * ```ts
 * import { WebhookClient } from "@effect-signalwire/emulator"
 * import { HttpClient, HttpClientResponse } from "@effect/platform"
 * import { Effect, Layer } from "effect"
 *
 * // Webhooks answered in place by a client of your own (a test's recorder, say).
 * export const Recorder = Layer.succeed(
 *   WebhookClient.WebhookClient,
 *   HttpClient.make((request) => Effect.succeed(HttpClientResponse.fromWeb(request, new Response(null, { status: 204 }))))
 * )
 * ```
 */
export class WebhookClient extends Context.Tag("@effect-signalwire/emulator/WebhookClient")<WebhookClient, HttpClient.HttpClient>() {}

/**
 * Webhooks go out through the `HttpClient` in context (e.g. `NodeHttpClient.layerUndici`).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { WebhookClient } from "@effect-signalwire/emulator"
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { Layer } from "effect"
 *
 * export const ThroughUndici = WebhookClient.layer.pipe(Layer.provide(NodeHttpClient.layerUndici))
 * ```
 */
export const layer: Layer.Layer<WebhookClient, never, HttpClient.HttpClient> = Layer.effect(WebhookClient, HttpClient.HttpClient)

/**
 * Webhooks go out with `fetch`.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { Emulator, WebhookClient } from "@effect-signalwire/emulator"
 * import { Layer } from "effect"
 *
 * export const EmulatorLive = Emulator.layer().pipe(Layer.provide(WebhookClient.layerFetch))
 * ```
 */
export const layerFetch: Layer.Layer<WebhookClient> = layer.pipe(Layer.provide(FetchHttpClient.layer))

/**
 * Webhooks are sent nowhere: each is answered 204 in place (for code that does not look at them).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { Emulator, WebhookClient } from "@effect-signalwire/emulator"
 * import { Layer } from "effect"
 *
 * export const Quiet = Emulator.layer().pipe(Layer.provide(WebhookClient.layerDiscard))
 * ```
 */
export const layerDiscard: Layer.Layer<WebhookClient> = Layer.succeed(
  WebhookClient,
  HttpClient.make((request) => Effect.succeed(HttpClientResponse.fromWeb(request, new Response(null, { status: 204 }))))
)
