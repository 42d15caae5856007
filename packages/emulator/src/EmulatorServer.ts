/**
 * The emulator on Node's HTTP server: {@link layer} serves `EmulatorApp.httpApp` (the routes,
 * behind `FaultMiddleware`) with `NodeHttpServer.layer` on 127.0.0.1 and a free port unless told
 * otherwise; {@link url} is the base URL to give a client. The app itself needs no Node: serve it
 * with any `HttpServer` through `EmulatorApp.serve`.
 *
 * @since 0.1.0
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { createServer } from "node:http"
import * as EmulatorApp from "./EmulatorApp.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface ServerOptions {
  /** Default 0: a free port (read it with {@link url}). */
  readonly port?: number | undefined
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
  /** Log each request and its answer (default false). */
  readonly logRequests?: boolean | undefined
}

/**
 * Serves the emulator (`EmulatorApp.serve`) with Node's HTTP server for as long as the layer lives.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { Emulator, EmulatorServer, WebhookClient } from "@effect-signalwire/emulator"
 * import { Effect, Layer } from "effect"
 *
 * // Status callbacks are answered in place, never sent anywhere.
 * const Served = EmulatorServer.layer({ port: 0 }).pipe(Layer.provideMerge(Emulator.layer()), Layer.provide(WebhookClient.layerDiscard))
 * const url = await Effect.runPromise(Effect.provide(EmulatorServer.url, Served))
 * assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
 * ```
 */
export const layer = (options: ServerOptions = {}): Layer.Layer<HttpServer.HttpServer, HttpServerError.ServeError, EmulatorApp.Services> =>
  EmulatorApp.serve({ logRequests: options.logRequests }).pipe(
    Layer.provideMerge(NodeHttpServer.layer(createServer, { port: options.port ?? 0, host: options.host ?? "127.0.0.1" }))
  )

/**
 * The base URL the server listens on, e.g. `http://127.0.0.1:8080` (a space for clients).
 *
 * @since 0.1.0
 * @category accessors
 * @example
 * ```ts
 * import { Emulator, EmulatorServer, WebhookClient } from "@effect-signalwire/emulator"
 * import { Effect, Layer } from "effect"
 *
 * // The base URL to give a client as its space: "http://127.0.0.1:39215".
 * export const baseUrl = EmulatorServer.url.pipe(
 *   Effect.provide(EmulatorServer.layer().pipe(Layer.provideMerge(Emulator.layer()), Layer.provide(WebhookClient.layerFetch)))
 * )
 * ```
 */
export const url: Effect.Effect<string, never, HttpServer.HttpServer> = HttpServer.addressWith((address) =>
  Effect.succeed(
    address._tag === "UnixAddress"
      ? `http+unix://${address.path}`
      : `http://${address.hostname === "0.0.0.0" || address.hostname === "::" ? "127.0.0.1" : address.hostname}:${address.port}`
  )
)
