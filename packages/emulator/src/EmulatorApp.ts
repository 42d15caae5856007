/**
 * The emulator as an HTTP application, whatever serves it: SignalWire's Calls routes, under both
 * `/api/laml/2010-04-01` (the documented base) and `/2010-04-01` (where the official SDK sends),
 * with or without `.json`, plus an admin API under `/__emulator`:
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
 * What is HTTP lives here: Basic auth (the credentials read from the header, checked against the
 * engine's projects and the URL's `AccountSid`: else 401, code 20003), form bodies and queries
 * decoded with the schemas (a broken rule: 400 with the code documented for its parameter), and
 * each domain error of the engine (`EmulatorError`) answered with SignalWire's status, body and
 * code. The `Emulator` engine answers each operation on the decoded values.
 * Every request goes through `FaultMiddleware` first. {@link serve} serves the app with whatever
 * `HttpServer` is in context (Node's: `EmulatorServer.layer`; a test server:
 * `NodeHttpServer.layerTest`); `EmulatorClient` runs it in-process. No Node API is used here.
 *
 * @since 0.1.0
 */
import { ApiPath, Call, CallPage, CreateCallForm, type Sid, UpdateCallRequest } from "@effect-signalwire/schema"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import type * as Layer from "effect/Layer"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as CallLife from "./CallLife.js"
import { Emulator } from "./Emulator.js"
import type * as EmulatorError from "./EmulatorError.js"
import * as Fault from "./Fault.js"
import * as FaultMiddleware from "./FaultMiddleware.js"
import { FaultRules } from "./FaultRules.js"
import * as errors from "./internal/errors.js"
import * as listing from "./internal/listing.js"
import * as operations from "./internal/operations.js"
import * as validation from "./internal/validation.js"
import { RequestLog } from "./RequestLog.js"

interface Credentials {
  readonly username: string
  readonly password: Redacted.Redacted<string>
}

const credentialsOf = (authorization: string | undefined): Credentials | undefined => {
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? "")
  if (basic === null) return undefined
  // Padded first: clients that leave out the trailing `=` are understood, as Node's Buffer did.
  const encoded = basic[1]!.padEnd(Math.ceil(basic[1]!.length / 4) * 4, "=")
  const decoded = Either.getOrUndefined(Encoding.decodeBase64String(encoded))
  if (decoded === undefined) return undefined
  const colon = decoded.indexOf(":")
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: Redacted.make(decoded.slice(colon + 1)) }
}

const callResponse = (call: Call.Call, status = 200) =>
  HttpServerResponse.unsafeJson(Schema.encodeSync(Call.Call)(call), { status })

const notForm = errors.make(400, "object", [{ code: 21200, message: "The body must be application/x-www-form-urlencoded" }])

interface Route {
  readonly emulator: Emulator["Type"]
  readonly request: HttpServerRequest.HttpServerRequest
  /** Authenticates the request: the project whose token it carries and whose `AccountSid` is in its URL; else 401. */
  readonly authenticate: Effect.Effect<Sid.ProjectId, errors.ErrorAnswer>
  readonly callSid: string
}

type Answer = (
  route: Route
) => Effect.Effect<HttpServerResponse.HttpServerResponse, errors.ErrorAnswer | EmulatorError.EmulatorError | HttpServerError.RequestError>

// How each operation answers; faults were applied before (FaultMiddleware), whatever the route.
// The order of the checks is SignalWire's: the body is read, the request authenticated, the
// calls-per-second limit checked (Create Call), then the parameters decoded.
const answers: { readonly [operation in Fault.Operation]: Answer } = {
  createCall: ({ authenticate, emulator, request }) =>
    Effect.gen(function*() {
      const form = yield* request.urlParamsBody
      const projectId = yield* authenticate
      yield* emulator.admitCall(projectId)
      const input = yield* Effect.mapError(CreateCallForm.fromFormParams(form), validation.createCallRejected)
      return callResponse(yield* emulator.createCall(projectId, input), 201)
    }),
  listCalls: ({ authenticate, emulator, request }) =>
    Effect.gen(function*() {
      const projectId = yield* authenticate
      const query = yield* listing.parse([...new URL(request.url, "http://emulator").searchParams])
      const calls = yield* emulator.listCalls(projectId, query.filter)
      const page = listing.page(calls, query, ApiPath.calls(projectId))
      return HttpServerResponse.unsafeJson(Schema.encodeSync(CallPage.CallPage)(page))
    }),
  fetchCall: ({ authenticate, callSid, emulator }) =>
    Effect.gen(function*() {
      const projectId = yield* authenticate
      return callResponse(yield* emulator.fetchCall(projectId, callSid))
    }),
  updateCall: ({ authenticate, callSid, emulator, request }) =>
    Effect.gen(function*() {
      const form = yield* request.urlParamsBody
      const projectId = yield* authenticate
      const update = yield* Effect.mapError(UpdateCallRequest.fromFormParams(form), validation.parametersRejected)
      return callResponse(yield* emulator.updateCall(projectId, callSid, update))
    }),
  deleteCall: ({ authenticate, callSid, emulator }) =>
    Effect.gen(function*() {
      const projectId = yield* authenticate
      yield* emulator.deleteCall(projectId, callSid)
      return HttpServerResponse.empty({ status: 204 })
    })
}

const authenticate = (
  emulator: Emulator["Type"],
  credentials: Credentials | undefined,
  accountSid: string
): Effect.Effect<Sid.ProjectId, errors.ErrorAnswer> => {
  const project = credentials === undefined ? undefined : emulator.projects.find((project) =>
    project.projectId === credentials.username &&
    Redacted.value(project.authToken) === Redacted.value(credentials.password)
  )
  return project !== undefined && project.projectId === accountSid
    ? Effect.succeed(project.projectId as Sid.ProjectId)
    : Effect.fail(errors.unauthorized())
}

const handler = (answer: Answer) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator
    const request = yield* HttpServerRequest.HttpServerRequest
    const params = yield* HttpRouter.params
    return yield* answer({
      emulator,
      request,
      authenticate: authenticate(emulator, credentialsOf(request.headers.authorization), params.accountSid ?? ""),
      callSid: (params.callSid ?? "").replace(/\.json$/, "")
    }).pipe(
      Effect.catchAll((error) =>
        Effect.succeed(errors.response(
          error._tag === "ErrorAnswer" ? error : error._tag === "RequestError" ? notForm : errors.fromEngine(error)
        ))
      )
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
    Effect.succeed(errors.response(errors.notFound(error.request.originalUrl.split("?")[0]!))))
)

/**
 * The emulator as an HTTP application, whatever serves it.
 *
 * @since 0.1.0
 * @category http
 * @example
 * ```ts
 * import { Emulator, EmulatorApp } from "@effect-signalwire/emulator"
 * import { HttpServer } from "@effect/platform"
 * import { NodeHttpServer } from "@effect/platform-node"
 * import { Layer } from "effect"
 * import { createServer } from "node:http"
 *
 * // The routes, to serve under your own server or middleware.
 * export const Served = HttpServer.serve(EmulatorApp.httpApp).pipe(
 *   Layer.provide(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
 *   Layer.provide(Emulator.layer())
 * )
 * ```
 */
export const httpApp: HttpApp.Default<never, Services> = FaultMiddleware.middleware(routes)

/**
 * What the app needs in context: the engine, its fault rules and its request log (all three
 * provided by `Emulator.layer`).
 *
 * @since 0.1.0
 * @category models
 */
export type Services = Emulator | FaultRules | RequestLog

/**
 * @since 0.1.0
 * @category models
 */
export interface ServeOptions {
  /** Log each request and its answer (default false). */
  readonly logRequests?: boolean | undefined
}

/**
 * Serves {@link httpApp} with the `HttpServer` in context, for as long as the layer lives.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { Emulator, EmulatorApp, WebhookClient } from "@effect-signalwire/emulator"
 * import { HttpClient } from "@effect/platform"
 * import { NodeHttpServer } from "@effect/platform-node"
 * import { Effect, Layer } from "effect"
 *
 * // On a test server: NodeHttpServer.layerTest also provides an HttpClient that calls it.
 * const status = await Effect.runPromise(
 *   Effect.gen(function*() {
 *     const response = yield* HttpClient.get("/__emulator/health")
 *     return response.status
 *   }).pipe(
 *     Effect.provide(EmulatorApp.serve().pipe(
 *       Layer.provideMerge(NodeHttpServer.layerTest),
 *       Layer.provide(Emulator.layer()),
 *       Layer.provide(WebhookClient.layerDiscard)
 *     ))
 *   )
 * )
 * assert.strictEqual(status, 200)
 * ```
 */
export const serve = (options: ServeOptions = {}): Layer.Layer<never, never, HttpServer.HttpServer | Services> =>
  options.logRequests ? HttpServer.serve(httpApp, HttpMiddleware.logger) : HttpServer.serve(httpApp)
