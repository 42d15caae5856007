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
import * as ApiPath from "@effect-signalwire/schema/ApiPath"
import * as Call from "@effect-signalwire/schema/Call"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import type * as CreateCallError from "./CreateCallError.js"
import type * as callControl from "./internal/callControl.js"
import * as internal from "./internal/createCall.js"
import * as fake from "./internal/fake.js"
import * as Request from "./internal/request.js"
import * as SignalWireConfig from "./SignalWireConfig.js"

/**
 * Per-call options of `createCall`: they override the client's for this call only, and opt into
 * reconciling an ambiguous outcome (`reconcile: reconcile()`, from the `Reconcile` module).
 *
 * @since 0.1.0
 * @category models
 */
export interface CallOptions extends internal.CallOptions {}

/**
 * Per-call options of the call-control operations: the retry policy and the timeout of each
 * attempt, overriding the client's.
 *
 * @since 0.1.0
 * @category models
 */
export interface ControlOptions extends callControl.ControlOptions {}

/**
 * Options of `listCalls`: those of {@link ControlOptions} and `pageSize` (1-1000, default 50).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListOptions extends callControl.ListOptions {}

/**
 * Options of `listCallsPage`: those of {@link ListOptions} and `cursor`, the `nextPageUri` of
 * a page read before (it carries the filter and the page size).
 *
 * @since 0.1.0
 * @category models
 */
export interface PageOptions extends callControl.PageOptions {}

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
  /**
   * How the call-control operations (`fetchCall`, `listCalls`, `updateCall`, ...) reach
   * SignalWire: built from this client's request pipeline on first use, so that an app that only
   * creates calls does not carry their code; or given by a test layer. Use the operations'
   * functions rather than this.
   */
  readonly control: callControl.Control
}

/**
 * @since 0.1.0
 * @category tags
 * @example
 * ```ts
 * import { SignalWireClient } from "@effect-signalwire/client"
 * import { Effect } from "effect"
 *
 * // The service, for code that wants the client itself rather than `createCall`.
 * export const program = Effect.flatMap(SignalWireClient.SignalWireClient, (client) =>
 *   client.createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }))
 * ```
 */
export class SignalWireClient extends Context.Tag("@effect-signalwire/client/SignalWireClient")<
  SignalWireClient,
  Service
>() {}

/**
 * Builds the client (and its pacer, when `callsPerSecond` is configured: shared by every fiber
 * using this client).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { SignalWireClient, SignalWireConfig } from "@effect-signalwire/client"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * // The service from a config and an HttpClient in context.
 * export const client = SignalWireClient.make.pipe(
 *   Effect.provide(Layer.merge(
 *     SignalWireConfig.layer({ projectId: "b3877c40-da60-4998-90ad-b792e98472af", authToken: Redacted.make("PTtoken"), space: "example.signalwire.com" }),
 *     FetchHttpClient.layer
 *   ))
 * )
 * ```
 */
export const make: Effect.Effect<Service, never, SignalWireConfig.SignalWireConfig | HttpClient.HttpClient> =
  Effect.gen(function*() {
    const config = yield* SignalWireConfig.SignalWireConfig
    const httpClient = yield* HttpClient.HttpClient
    const send = Request.make(config, httpClient)
    // One slot every 1/cps seconds, first come first served: evenly spaced, never a burst.
    const pace = config.callsPerSecond === undefined ? undefined : yield* Request.makePacer(config.callsPerSecond)
    const control: callControl.Control = { _tag: "Live", config, send }
    return { createCall: internal.fromSend(internal.make(config, send, pace), control), control }
  })

/**
 * The client from a `SignalWireConfig` in context.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { SignalWireClient, SignalWireConfig } from "@effect-signalwire/client"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer } from "effect"
 *
 * // Over a SignalWireConfig your app already provides.
 * export const Live = SignalWireClient.layerWithoutConfig.pipe(
 *   Layer.provide(SignalWireConfig.layerConfig()),
 *   Layer.provide(FetchHttpClient.layer)
 * )
 * ```
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
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { SignalWireClient } from "@effect-signalwire/client"
 * import { Layer, Redacted } from "effect"
 *
 * const SignalWireLive = SignalWireClient.layer({
 *   projectId: "b3877c40-da60-4998-90ad-b792e98472ad",
 *   authToken: Redacted.make("PTxxxxxxxx"),
 *   space: "example.signalwire.com"
 * }).pipe(Layer.provide(FetchHttpClient.layer))
 * ```
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
 * @example
 * ```ts
 * import { SignalWireClient } from "@effect-signalwire/client"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Config, Layer } from "effect"
 *
 * // SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE_URL, read when the layer is built.
 * export const Live = SignalWireClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
 *
 * // Your own name for a value, the defaults for the others.
 * export const Renamed = SignalWireClient.layerConfig({ authToken: Config.redacted("VOICE_API_TOKEN") })
 * ```
 */
export const layerConfig = (
  options?: Parameters<typeof SignalWireConfig.layerConfig>[0]
): Layer.Layer<SignalWireClient | SignalWireConfig.SignalWireConfig, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.provideMerge(layerWithoutConfig, SignalWireConfig.layerConfig(options))

/**
 * The client configured from a record of strings, such as a Cloudflare Worker's `env` bindings
 * (see `SignalWireConfig.layerFromEnv`): on Workers there is no `process.env` to read.
 *
 * @example
 * ```ts
 * import { createCall, SignalWireClient } from "@effect-signalwire/client"
 * import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 *
 * export default {
 *   fetch: (_request: Request, env: Record<string, unknown>) =>
 *     createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }).pipe(
 *       Effect.map((call) => Response.json({ sid: call.sid })),
 *       Effect.provide(SignalWireClient.layerFromEnv(env).pipe(Layer.provide(FetchHttpClient.layer))),
 *       Effect.runPromise
 *     )
 * }
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromEnv = (
  env: Readonly<Record<string, unknown>>,
  options?: Parameters<typeof SignalWireConfig.layerConfig>[0]
): Layer.Layer<SignalWireClient | SignalWireConfig.SignalWireConfig, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.provideMerge(layerWithoutConfig, SignalWireConfig.layerFromEnv(env, options))

/**
 * What a test's handler answers for each valid request.
 *
 * @since 0.1.0
 * @category testing
 */
export type TestHandler = (
  request: CreateCallRequest.CreateCallRequest
) => Effect.Effect<Call.Call, CreateCallError.CreateCallError>

/**
 * A `Call` as SignalWire answers a create: `queued`, outbound, dated now. Handy in test handlers.
 *
 * @since 0.1.0
 * @category testing
 * @example
 * ```ts
 * import { SignalWireClient } from "@effect-signalwire/client"
 * import { CreateCallRequest } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * const call = SignalWireClient.queuedCall(Effect.runSync(CreateCallRequest.decode({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" })))
 * assert.strictEqual(call.status, "queued")
 * assert.strictEqual(call.to, "+13105678901")
 * ```
 */
export const queuedCall = (
  request: CreateCallRequest.CreateCallRequest,
  options?: { readonly sid?: string | undefined; readonly projectId?: string | undefined; readonly now?: Date | undefined }
): Call.Call => {
  const sid = options?.sid ?? globalThis.crypto.randomUUID()
  const projectId = options?.projectId ?? fake.testProjectId
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
    api_version: ApiPath.apiVersion,
    uri: ApiPath.call(projectId, sid)
  })
}

/**
 * An in-memory SignalWire, with no HTTP at all: `createCall` answers from `handler` (by default:
 * every call `queued`) and remembers the call; `fetchCall`, `listCallsPage` (and so `listCalls`),
 * `updateCall`, `hangUpCall`, `deleteCall` and `findCreatedCalls` answer from the calls
 * remembered, with the same validation and the same typed errors as the real client (an
 * unknown sid is a `CallNotFound`; a hang-up ends the call: `canceled` unless it was
 * `in-progress`). Input is still validated: invalid input fails with `InvalidRequest` and never
 * reaches the handler. Each layer built has its own memory.
 *
 * @since 0.1.0
 * @category testing
 * @example
 * ```ts
 * import { createCall, CreateCallError, SignalWireClient } from "@effect-signalwire/client"
 * import { Effect } from "effect"
 *
 * // Your code's tests, without HTTP: busy lines for one number, queued calls otherwise.
 * const Test = SignalWireClient.layerTest((request) =>
 *   request.to === "+13105550100"
 *     ? Effect.fail(new CreateCallError.ApiRejected({ status: 400, code: 13224, detail: "busy line", errors: [] }))
 *     : Effect.succeed(SignalWireClient.queuedCall(request))
 * )
 * const call = await Effect.runPromise(createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }).pipe(Effect.provide(Test)))
 * assert.strictEqual(call.status, "queued")
 * ```
 */
export const layerTest = (handler: TestHandler = (request) => Effect.sync(() => queuedCall(request))): Layer.Layer<SignalWireClient> =>
  Layer.effect(SignalWireClient, fake.make(handler))
