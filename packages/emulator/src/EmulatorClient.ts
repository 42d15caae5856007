/**
 * An `HttpClient` answered by the emulator in the same process: no socket, no port. Give it to
 * any client of the API (ours, or your own code over `HttpClient`): whatever host a request
 * names, the emulator's routes answer it, and `Fault` rules apply as they do over HTTP (a
 * dropped connection fails the request as a `Transport` error, like a reset socket).
 *
 * Everything runs in the caller's fibers, so under `TestClock` a call's life and a `Delay`
 * fault move only when the test adjusts the clock.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as Emulator from "./Emulator.js"
import { httpApp } from "./EmulatorApp.js"
import type { FaultRules } from "./FaultRules.js"
import { ConnectionDrop } from "./internal/connection.js"
import type { RequestLog } from "./RequestLog.js"
import type { WebhookClient } from "./WebhookClient.js"

const webBody = (request: HttpClientRequest.HttpClientRequest): Effect.Effect<BodyInit | undefined> => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return Effect.succeed(undefined)
    case "Raw":
      return Effect.succeed(body.body as BodyInit)
    case "Uint8Array":
      return Effect.succeed(body.body as BodyInit)
    case "FormData":
      return Effect.succeed(body.formData)
    case "Stream":
      return Stream.toReadableStreamEffect(body.stream)
  }
}

// What a socket closed by the server looks like to Node's HTTP client.
const connectionReset = () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })

/**
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Emulator, EmulatorClient, WebhookClient } from "@effect-signalwire/emulator"
 * import { Effect, Layer } from "effect"
 *
 * // An HttpClient answered by the emulator in context, whatever host a request names.
 * const status = await Effect.runPromise(
 *   Effect.gen(function*() {
 *     const client = yield* EmulatorClient.make
 *     const response = yield* client.get("https://example.signalwire.com/__emulator/health")
 *     return response.status
 *   }).pipe(Effect.scoped, Effect.provide(Emulator.layer().pipe(Layer.provide(WebhookClient.layerDiscard))))
 * )
 * assert.strictEqual(status, 200)
 * ```
 */
export const make: Effect.Effect<HttpClient.HttpClient, never, Emulator.Emulator | FaultRules | RequestLog> = Effect.map(
  Effect.context<Emulator.Emulator | FaultRules | RequestLog>(),
  (context) =>
    HttpClient.make((request, url) =>
      Effect.gen(function*() {
        const body = yield* webBody(request)
        const web = yield* Effect.try({
          try: () =>
            new Request(url, {
              method: request.method,
              headers: request.headers,
              ...(body === undefined ? {} : { body, duplex: "half" })
            } as RequestInit),
          catch: (cause) => new HttpClientError.RequestError({ request, reason: "Encode", cause })
        })
        const dropped = yield* Deferred.make<void>()
        const answer = httpApp.pipe(
          Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(web)),
          Effect.provideService(ConnectionDrop, Effect.zipRight(Deferred.succeed(dropped, undefined), Effect.never)),
          Effect.provide(context)
        )
        const reset = Effect.zipRight(
          Deferred.await(dropped),
          Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: connectionReset() }))
        )
        const response = yield* Effect.raceFirst(answer, reset)
        return HttpClientResponse.fromWeb(request, HttpServerResponse.toWeb(response))
      })
    )
)

/**
 * The in-process `HttpClient`, answered by the `Emulator` (with its `FaultRules` and
 * `RequestLog`) in context.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { Emulator, EmulatorClient, WebhookClient } from "@effect-signalwire/emulator"
 * import { Layer } from "effect"
 *
 * // The HttpClient answered by the emulator, the Emulator itself for the test to script it,
 * // and fetch to deliver its status callbacks.
 * export const TestHttp = EmulatorClient.layer.pipe(
 *   Layer.provideMerge(Emulator.layer()),
 *   Layer.provide(WebhookClient.layerFetch)
 * )
 * ```
 */
export const layer: Layer.Layer<HttpClient.HttpClient, never, Emulator.Emulator | FaultRules | RequestLog> = Layer.effect(HttpClient.HttpClient, make)

/**
 * The in-process `HttpClient` and the `Emulator` behind it (with its `FaultRules` and
 * `RequestLog`), in one layer. It requires the `WebhookClient` the emulator sends status
 * callbacks with (e.g. `WebhookClient.layerFetch`), a tag of its own: the `HttpClient` it
 * provides, answered by the emulator, is the only `HttpClient` it deals in.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { EmulatorClient, WebhookClient } from "@effect-signalwire/emulator"
 * import { Layer } from "effect"
 *
 * const TestHttp = EmulatorClient.layerWithEmulator({
 *   projects: [{ projectId: "b3877c40-da60-4998-90ad-b792e98472af", authToken: "PTtoken" }]
 * }).pipe(Layer.provide(WebhookClient.layerFetch))
 * ```
 * @example
 * ```ts
 * import { createCall, SignalWireClient } from "@effect-signalwire/client"
 * import { EmulatorClient, WebhookClient } from "@effect-signalwire/emulator"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * // The default project (Emulator.defaultProject) and its token.
 * const projectId = "b3877c40-da60-4998-90ad-b792e98472af"
 * const authToken = "PTemulator-token"
 * const TestLayer = SignalWireClient.layer({ projectId, authToken: Redacted.make(authToken), space: "example.signalwire.com" }).pipe(
 *   Layer.provideMerge(EmulatorClient.layerWithEmulator()),
 *   Layer.provide(WebhookClient.layerDiscard)
 * )
 * const call = await Effect.runPromise(createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }).pipe(Effect.provide(TestLayer)))
 * assert.strictEqual(call.status, "queued")
 * ```
 */
export const layerWithEmulator = (
  options?: Emulator.Options
): Layer.Layer<HttpClient.HttpClient | Emulator.Emulator | FaultRules | RequestLog, never, WebhookClient> =>
  Layer.provideMerge(layer, Emulator.layer(options))
