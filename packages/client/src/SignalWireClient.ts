/**
 * The SignalWire client service: `createCall` over an `HttpClient` the application provides,
 * with the base URL, Basic auth, `Accept: application/json` and User-Agent applied once.
 *
 * The library never picks an `HttpClient`: provide `FetchHttpClient.layer` (Node, Bun, Deno,
 * edge runtimes) or `NodeHttpClient.layerUndici` (a keep-alive pool on Node).
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type { CreateCallRequest } from "@effect-signalwire/schema"
import { Call } from "@effect-signalwire/schema"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import type * as CreateCallError from "./CreateCallError.js"
import * as internal from "./internal/createCall.js"
import * as SignalWireConfig from "./SignalWireConfig.js"

/**
 * Per-call options: they override the client's for this call only.
 *
 * @since 0.1.0
 * @category models
 */
export interface CallOptions extends internal.CallOptions {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * Validates the input (failing with `InvalidRequest`, nothing sent), sends it once, and
   * retries only what the retry policy allows.
   */
  readonly createCall: (
    input: CreateCallRequest.CreateCallRequest | CreateCallRequest.CreateCallRequest.Encoded,
    options?: CallOptions
  ) => Effect.Effect<Call.Call, CreateCallError.CreateCallError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class SignalWireClient extends Context.Tag("@effect-signalwire/client/SignalWireClient")<
  SignalWireClient,
  Service
>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, SignalWireConfig.SignalWireConfig | HttpClient.HttpClient> = Effect.gen(
  function*() {
    const config = yield* SignalWireConfig.SignalWireConfig
    const httpClient = yield* HttpClient.HttpClient
    return { createCall: internal.make(config, httpClient) }
  }
)

/**
 * The client from a `SignalWireConfig` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWithoutConfig: Layer.Layer<
  SignalWireClient,
  never,
  SignalWireConfig.SignalWireConfig | HttpClient.HttpClient
> = Layer.effect(SignalWireClient, make)

/**
 * The client from explicit options.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { FetchHttpClient } from "@effect/platform"
 * import { SignalWireClient } from "@effect-signalwire/client"
 * import { Layer, Redacted } from "effect"
 *
 * const SignalWireLive = SignalWireClient.layer({
 *   projectId: "b3877c40-da60-4998-90ad-b792e98472ad",
 *   authToken: Redacted.make("PTxxxxxxxx"),
 *   space: "example.signalwire.com"
 * }).pipe(Layer.provide(FetchHttpClient.layer))
 */
export const layer = (
  options: SignalWireConfig.Options
): Layer.Layer<SignalWireClient | SignalWireConfig.SignalWireConfig, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.provideMerge(layerWithoutConfig, SignalWireConfig.layer(options))

/**
 * The client configured from the environment (see `SignalWireConfig.layerConfig`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options?: Parameters<typeof SignalWireConfig.layerConfig>[0]
): Layer.Layer<SignalWireClient | SignalWireConfig.SignalWireConfig, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.provideMerge(layerWithoutConfig, SignalWireConfig.layerConfig(options))

/**
 * What a test's handler answers for each valid request.
 *
 * @since 0.1.0
 * @category testing
 */
export type TestHandler = (
  request: CreateCallRequest.CreateCallRequest
) => Effect.Effect<Call.Call, CreateCallError.CreateCallError>

const testProjectId = "00000000-0000-4000-8000-000000000000"

/**
 * A `Call` as SignalWire answers a create: `queued`, outbound, dated now. Handy in test handlers.
 *
 * @since 0.1.0
 * @category testing
 */
export const queuedCall = (
  request: CreateCallRequest.CreateCallRequest,
  options?: { readonly sid?: string | undefined; readonly projectId?: string | undefined; readonly now?: Date | undefined }
): Call.Call => {
  const sid = options?.sid ?? globalThis.crypto.randomUUID()
  const projectId = options?.projectId ?? testProjectId
  const date = (options?.now ?? new Date()).toUTCString().replace("GMT", "+0000")
  return Schema.decodeUnknownSync(Call.Call)({
    sid,
    account_sid: projectId,
    date_created: date,
    date_updated: date,
    to: request.to,
    from: request.from,
    status: "queued",
    direction: "outbound-api",
    api_version: "2010-04-01",
    uri: `/api/laml/2010-04-01/Accounts/${projectId}/Calls/${sid}`
  })
}

/**
 * A client that answers from `handler` (by default: every call `queued`), with no HTTP at all.
 * Input is still validated: invalid input fails with `InvalidRequest` and never reaches the
 * handler.
 *
 * @since 0.1.0
 * @category testing
 */
export const layerTest = (handler: TestHandler = (request) => Effect.sync(() => queuedCall(request))): Layer.Layer<SignalWireClient> =>
  Layer.succeed(SignalWireClient, {
    createCall: (input) => Effect.flatMap(internal.decodeRequest(input), handler)
  })
