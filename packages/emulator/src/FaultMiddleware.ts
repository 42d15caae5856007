/**
 * The one middleware in front of the emulator's routes: it logs each API request in the
 * `RequestLog` and applies the `FaultRules` that match it, the same way whatever the route (and
 * whatever serves the app: Node's server or the in-process client). Requests to the admin API
 * (`/__emulator/...`) pass through untouched.
 *
 * A request's operation is named from its method and path by the same table the routes are built
 * from; a request that names none is logged with no operation and gets no fault. The faults, in
 * order: `Delay` waits then goes on; `RateLimited` answers 429 with `Retry-After`; `ServerError`
 * answers its status; `Drop` reads the request (or, with `afterProcessing`, lets the routes
 * process it) and then drops the connection.
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import { FaultRules } from "./FaultRules.js"
import { drop } from "./internal/connection.js"
import * as errors from "./internal/errors.js"
import { classify, isAdmin } from "./internal/operations.js"
import { RequestLog } from "./RequestLog.js"

/**
 * Wraps an app (the emulator's routes) with the request log and the fault rules.
 *
 * @since 0.1.0
 * @category middleware
 * @example
 * ```ts
 * import { Fault, FaultMiddleware, FaultRules, RequestLog } from "@effect-signalwire/emulator"
 * import { HttpServerRequest, HttpServerResponse } from "@effect/platform"
 * import { Effect, Layer } from "effect"
 *
 * // Any app behind it gets the faults: here one that would answer 200.
 * const app = FaultMiddleware.middleware(Effect.succeed(HttpServerResponse.text("ok")))
 * const request = HttpServerRequest.fromWeb(new Request("http://emulator/2010-04-01/Accounts/x/Calls.json"))
 * const status = await Effect.runPromise(
 *   app.pipe(
 *     Effect.map((response) => response.status),
 *     Effect.provideService(HttpServerRequest.HttpServerRequest, request),
 *     Effect.provide(Layer.merge(FaultRules.layer([{ fault: Fault.serverError(503) }]), RequestLog.layer))
 *   )
 * )
 * assert.strictEqual(status, 503)
 * ```
 */
export const middleware = <E, R>(
  app: HttpApp.Default<E, R>
): HttpApp.Default<E, R | FaultRules | RequestLog> =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    // `url` is the path and query whatever the transport (`originalUrl` keeps a web request's host).
    const path = request.url.split("?")[0]!
    if (isAdmin(path)) return yield* app
    const { accountSid, operation } = classify(request.method, path)
    const faults = operation === undefined || accountSid === undefined
      ? []
      : yield* Effect.flatMap(FaultRules, (rules) => rules.take({ operation, accountSid }))
    yield* Effect.flatMap(RequestLog, (log) =>
      log.record({ operation, method: request.method, path: request.originalUrl, accountSid, faults }))
    for (const fault of faults) {
      switch (fault._tag) {
        case "Delay":
          yield* Effect.sleep(fault.millis)
          break
        case "RateLimited":
          return errors.response(errors.tooManyRequests()).pipe(
            HttpServerResponse.setHeader("retry-after", String(fault.retryAfterSeconds))
          )
        case "ServerError":
          return errors.response(errors.serverError(fault.status))
        case "Drop":
          yield* fault.afterProcessing ? Effect.ignore(app) : Effect.ignore(request.text)
          return yield* drop
      }
    }
    return yield* app
  })
