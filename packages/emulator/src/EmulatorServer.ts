/**
 * The emulator over HTTP: SignalWire's Calls routes, under both `/api/laml/2010-04-01` (the
 * documented base) and `/2010-04-01` (where the official SDK sends), with or without `.json`,
 * plus an admin API under `/__emulator`:
 *
 * | route | what it does |
 * | --- | --- |
 * | `GET /__emulator/health` | `{ "status": "ok" }` |
 * | `GET /__emulator/calls` | every call of every project |
 * | `GET` / `DELETE /__emulator/requests` | the observed requests and counts per operation / forget them |
 * | `GET` / `POST` / `DELETE /__emulator/faults` | the fault rules / add one (or an array) / remove all |
 * | `GET` / `PUT /__emulator/outcomes` | the scripted outcomes / replace them |
 * | `POST /__emulator/reset` | forget calls, faults, requests and outcomes |
 *
 * {@link httpApp} is transport-free (the in-process client runs it too); {@link layer} serves it
 * with Node's HTTP server.
 *
 * @since 0.1.0
 */
import { Call, CallPage } from "@effect-signalwire/schema"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { createServer } from "node:http"
import * as CallLife from "./CallLife.js"
import { type Credentials, Emulator } from "./Emulator.js"
import type { EmulatorError } from "./EmulatorError.js"
import * as Fault from "./Fault.js"
import * as FaultMiddleware from "./FaultMiddleware.js"
import { FaultRules } from "./FaultRules.js"
import { errorResponse } from "./internal/errorResponse.js"
import * as errors from "./internal/errors.js"
import * as operations from "./internal/operations.js"
import { RequestLog } from "./RequestLog.js"

const credentialsOf = (authorization: string | undefined): Credentials | undefined => {
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? "")
  if (basic === null) return undefined
  const decoded = Buffer.from(basic[1]!, "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: Redacted.make(decoded.slice(colon + 1)) }
}

const callResponse = (call: Call.Call, status = 200) =>
  HttpServerResponse.unsafeJson(Schema.encodeSync(Call.Call)(call), { status })

const notForm = errors.make(400, "object", [{ code: 21200, message: "The body must be application/x-www-form-urlencoded" }])

interface Route {
  readonly emulator: Emulator["Type"]
  readonly request: HttpServerRequest.HttpServerRequest
  readonly credentials: Credentials | undefined
  readonly accountSid: string
  readonly callSid: string
}

type Answer = (route: Route) => Effect.Effect<HttpServerResponse.HttpServerResponse, EmulatorError | HttpServerError.RequestError>

// How each operation answers; faults were applied before (FaultMiddleware), whatever the route.
const answers: { readonly [operation in Fault.Operation]: Answer } = {
  createCall: ({ accountSid, credentials, emulator, request }) =>
    Effect.flatMap(request.urlParamsBody, (form) => emulator.createCall({ credentials, accountSid, form })).pipe(
      Effect.map((call) => callResponse(call, 201))
    ),
  listCalls: ({ accountSid, credentials, emulator, request }) =>
    emulator.listCalls({ credentials, accountSid, query: [...new URL(request.url, "http://emulator").searchParams] }).pipe(
      Effect.map((page) => HttpServerResponse.unsafeJson(Schema.encodeSync(CallPage.CallPage)(page)))
    ),
  fetchCall: ({ accountSid, callSid, credentials, emulator }) =>
    Effect.map(emulator.fetchCall({ credentials, accountSid, callSid }), (call) => callResponse(call)),
  updateCall: ({ accountSid, callSid, credentials, emulator, request }) =>
    Effect.flatMap(request.urlParamsBody, (form) => emulator.updateCall({ credentials, accountSid, callSid, form })).pipe(
      Effect.map((call) => callResponse(call))
    ),
  deleteCall: ({ accountSid, callSid, credentials, emulator }) =>
    Effect.as(emulator.deleteCall({ credentials, accountSid, callSid }), HttpServerResponse.empty({ status: 204 }))
}

const handler = (answer: Answer) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator
    const request = yield* HttpServerRequest.HttpServerRequest
    const params = yield* HttpRouter.params
    return yield* answer({
      emulator,
      request,
      credentials: credentialsOf(request.headers.authorization),
      accountSid: params.accountSid ?? "",
      callSid: (params.callSid ?? "").replace(/\.json$/, "")
    }).pipe(
      Effect.catchTags({
        EmulatorError: (error) => Effect.succeed(errorResponse(error)),
        RequestError: () => Effect.succeed(errorResponse(notForm))
      })
    )
  })

const calls = operations.routes.reduce(
  (router, route) => HttpRouter.route(route.method)(router, route.path, handler(answers[route.operation])),
  HttpRouter.empty as HttpRouter.HttpRouter<never, Emulator>
)

const adminJson = <A, I>(schema: Schema.Schema<A, I>) =>
  <B>(use: (value: A) => Effect.Effect<B>) =>
    Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => request.json).pipe(
      Effect.flatMap(Schema.decodeUnknown(schema, { errors: "all" })),
      Effect.flatMap(use),
      Effect.catchTags({
        ParseError: (error) =>
          Effect.succeed(HttpServerResponse.unsafeJson({ error: ParseResult.TreeFormatter.formatErrorSync(error) }, { status: 400 })),
        RequestError: () => Effect.succeed(HttpServerResponse.unsafeJson({ error: "The body must be JSON" }, { status: 400 }))
      })
    )

const countedOperations = [...Fault.Operation.literals, "unmatched"] as const

const admin = HttpRouter.empty.pipe(
  HttpRouter.get("/health", Effect.succeed(HttpServerResponse.unsafeJson({ status: "ok" }))),
  HttpRouter.get(
    "/calls",
    Effect.map(Effect.flatMap(Emulator, (emulator) => emulator.calls), (calls) =>
      HttpServerResponse.unsafeJson({ calls: calls.map((call) => Schema.encodeSync(Call.Call)(call)) }))
  ),
  HttpRouter.get(
    "/requests",
    Effect.map(Effect.flatMap(RequestLog, (log) => log.requests), (requests) =>
      HttpServerResponse.unsafeJson({
        total: requests.length,
        counts: Object.fromEntries(
          countedOperations.map((operation) => [operation, requests.filter((r) => (r.operation ?? "unmatched") === operation).length])
        ),
        requests: requests.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() }))
      }))
  ),
  HttpRouter.del("/requests", Effect.as(Effect.flatMap(RequestLog, (log) => log.clear), HttpServerResponse.empty({ status: 204 }))),
  HttpRouter.get(
    "/faults",
    Effect.map(Effect.flatMap(FaultRules, (faults) => faults.rules), (faults) => HttpServerResponse.unsafeJson({ faults }))
  ),
  HttpRouter.post(
    "/faults",
    Effect.flatMap(FaultRules, (faults) =>
      adminJson(Schema.Union(Fault.FaultRule, Schema.Array(Fault.FaultRule)))((rules) =>
        Effect.as(
          Effect.forEach(Array.isArray(rules) ? rules : [rules as Fault.FaultRule], faults.add),
          HttpServerResponse.unsafeJson({ added: Array.isArray(rules) ? rules : [rules] }, { status: 201 })
        )
      ))
  ),
  HttpRouter.del("/faults", Effect.as(Effect.flatMap(FaultRules, (faults) => faults.clear), HttpServerResponse.empty({ status: 204 }))),
  HttpRouter.get(
    "/outcomes",
    Effect.map(Effect.flatMap(Emulator, (emulator) => emulator.outcomes), (outcomes) =>
      HttpServerResponse.unsafeJson({ outcomes, defaults: CallLife.defaultOutcomeRules }))
  ),
  HttpRouter.put(
    "/outcomes",
    Effect.flatMap(Emulator, (emulator) =>
      adminJson(Schema.Array(CallLife.OutcomeRule))((rules) =>
        Effect.as(emulator.setOutcomes(rules), HttpServerResponse.unsafeJson({ outcomes: rules }))
      ))
  ),
  HttpRouter.post(
    "/reset",
    Effect.as(
      Effect.all([
        Effect.flatMap(Emulator, (emulator) => emulator.reset),
        Effect.flatMap(FaultRules, (faults) => faults.clear),
        Effect.flatMap(RequestLog, (log) => log.clear)
      ], { discard: true }),
      HttpServerResponse.empty({ status: 204 })
    )
  )
)

const routes = operations.basePaths.reduce(
  (router, basePath) => HttpRouter.mount(router, basePath, calls),
  HttpRouter.empty as HttpRouter.HttpRouter<never, Emulator>
).pipe(
  HttpRouter.mount(operations.adminPath, admin),
  Effect.catchTag("RouteNotFound", (error) =>
    Effect.succeed(errorResponse(errors.notFound(error.request.originalUrl.split("?")[0]!))))
)

/**
 * The emulator as an HTTP application, whatever serves it.
 *
 * @since 0.1.0
 * @category http
 * @example
 * ```ts
 * import { Emulator, EmulatorServer } from "@effect-signalwire/emulator"
 * import { HttpServer } from "@effect/platform"
 * import { NodeHttpServer } from "@effect/platform-node"
 * import { Layer } from "effect"
 * import { createServer } from "node:http"
 *
 * // The routes, to serve under your own server or middleware.
 * export const Served = HttpServer.serve(EmulatorServer.httpApp).pipe(
 *   Layer.provide(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
 *   Layer.provide(Emulator.layer())
 * )
 * ```
 */
export const httpApp: HttpApp.Default<never, Emulator | FaultRules | RequestLog> = FaultMiddleware.middleware(routes)

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
 * Serves the emulator with Node's HTTP server for as long as the layer lives.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { Emulator, EmulatorServer } from "@effect-signalwire/emulator"
 * import { Effect, Layer } from "effect"
 * import { HttpClient, HttpClientResponse } from "@effect/platform"
 *
 * // Status callbacks are answered here, never sent anywhere.
 * const NoCallbacks = Layer.succeed(HttpClient.HttpClient, HttpClient.make((request) => Effect.succeed(HttpClientResponse.fromWeb(request, new Response(null, { status: 204 })))))
 *
 * const Served = EmulatorServer.layer({ port: 0 }).pipe(Layer.provideMerge(Emulator.layer()), Layer.provide(NoCallbacks))
 * const url = await Effect.runPromise(Effect.provide(EmulatorServer.url, Served))
 * assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
 * ```
 */
export const layer = (options: ServerOptions = {}): Layer.Layer<HttpServer.HttpServer, HttpServerError.ServeError, Emulator | FaultRules | RequestLog> =>
  (options.logRequests ? HttpServer.serve(httpApp, HttpMiddleware.logger) : HttpServer.serve(httpApp)).pipe(
    Layer.provideMerge(NodeHttpServer.layerServer(createServer, { port: options.port ?? 0, host: options.host ?? "127.0.0.1" }))
  )

/**
 * The base URL the server listens on, e.g. `http://127.0.0.1:8080` (a space for clients).
 *
 * @since 0.1.0
 * @category accessors
 * @example
 * ```ts
 * import { Emulator, EmulatorServer } from "@effect-signalwire/emulator"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect, Layer } from "effect"
 *
 * // The base URL to give a client as its space: "http://127.0.0.1:39215".
 * export const baseUrl = EmulatorServer.url.pipe(
 *   Effect.provide(EmulatorServer.layer().pipe(Layer.provideMerge(Emulator.layer()), Layer.provide(FetchHttpClient.layer)))
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
