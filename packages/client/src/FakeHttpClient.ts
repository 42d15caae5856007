/**
 * An `HttpClient` that answers from a function the test supplies and records every request it
 * receives: test your own handling of SignalWire's answers (429s, outages, lost connections)
 * through the real client, with no server.
 *
 * `refuseConnection` and `loseConnection` fail a request with a `Transport` error whose cause is
 * the fake's own error carrying the system error code (`ECONNREFUSED`, `ECONNRESET`): the one
 * vocabulary Node, Bun and edge-runtime share (see the table in docs/errors-and-retries.md), so
 * the client classifies them as it does a real failure, with no runtime's wrapping forged.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"

/**
 * A request as the fake received it: the form body decoded into ordered name/value pairs.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly form: ReadonlyArray<readonly [string, string]>
}

/**
 * What the handler answers: a web `Response` (or a failure such as `refuseConnection(request)`).
 * `index` counts the requests received, from 0.
 *
 * @since 0.1.0
 * @category models
 */
export type Handler = (
  request: RecordedRequest,
  index: number
) => Response | Effect.Effect<Response, HttpClientError.RequestError>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Every request received so far, in order. */
  readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
}

/**
 * @since 0.1.0
 * @category tags
 * @example
 * ```ts
 * import { createCall, FakeHttpClient, SignalWireClient } from "@effect-signalwire/client"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * const Fake = SignalWireClient.layer({ projectId: "b3877c40-da60-4998-90ad-b792e98472af", authToken: Redacted.make("PTtoken"), space: "example.signalwire.com" }).pipe(
 *   Layer.provideMerge(FakeHttpClient.layer(() => FakeHttpClient.json(429, { code: 20429, message: "Too Many Requests", status: 429 }, { "retry-after": "2" })))
 * )
 *
 * // What reached the wire: one request, the form fields in order.
 * const requests = await Effect.runPromise(
 *   createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }).pipe(Effect.ignore, Effect.zipRight(FakeHttpClient.FakeHttpClient), Effect.flatMap((fake) => fake.requests), Effect.provide(Fake))
 * )
 * assert.deepStrictEqual(requests[0]?.form[0], ["To", "+13105678901"])
 * ```
 */
export class FakeHttpClient extends Context.Tag("@effect-signalwire/client/FakeHttpClient")<FakeHttpClient, Service>() {}

// Named as what it is, so that a message or log never passes it off as a real connection's.
const systemError = (message: string, code: string) =>
  Object.assign(new Error(`${message} (simulated by FakeHttpClient)`), { name: "FakeHttpClientFailure", code })

/**
 * The failure of a request whose connection was refused: never sent.
 *
 * @since 0.1.0
 * @category failures
 * @example
 * ```ts
 * import { createCall, FakeHttpClient, RetryPolicy, SignalWireClient } from "@effect-signalwire/client"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * const Refused = SignalWireClient.layer({ projectId: "b3877c40-da60-4998-90ad-b792e98472af", authToken: Redacted.make("PTtoken"), space: "example.signalwire.com" }).pipe(
 *   Layer.provide(FakeHttpClient.layer((request) => FakeHttpClient.refuseConnection(request)))
 * )
 * const error = await Effect.runPromise(Effect.flip(createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }, { retry: RetryPolicy.none }).pipe(Effect.provide(Refused))))
 * assert.strictEqual(error._tag, "TransportError")
 * ```
 */
export const refuseConnection = (request: RecordedRequest): Effect.Effect<never, HttpClientError.RequestError> =>
  fail(request, systemError("connection refused", "ECONNREFUSED"))

/**
 * The failure of a request whose connection closed after it was sent: maybe processed.
 *
 * @since 0.1.0
 * @category failures
 * @example
 * ```ts
 * import { createCall, FakeHttpClient, SignalWireClient } from "@effect-signalwire/client"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * const Lost = SignalWireClient.layer({ projectId: "b3877c40-da60-4998-90ad-b792e98472af", authToken: Redacted.make("PTtoken"), space: "example.signalwire.com" }).pipe(
 *   Layer.provide(FakeHttpClient.layer((request) => FakeHttpClient.loseConnection(request)))
 * )
 * // Sent, no answer: never retried by default.
 * const error = await Effect.runPromise(Effect.flip(createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }).pipe(Effect.provide(Lost))))
 * assert.strictEqual(error._tag, "OutcomeUnknown")
 * ```
 */
export const loseConnection = (request: RecordedRequest): Effect.Effect<never, HttpClientError.RequestError> =>
  fail(request, systemError("connection reset after the request was sent", "ECONNRESET"))

const requests = new WeakMap<RecordedRequest, HttpClientRequest.HttpClientRequest>()

const fail = (recorded: RecordedRequest, cause: unknown) =>
  Effect.fail(new HttpClientError.RequestError({ request: requests.get(recorded)!, reason: "Transport", cause }))

const bodyText = (request: HttpClientRequest.HttpClientRequest): string => {
  const body = request.body
  switch (body._tag) {
    case "Uint8Array":
      return new TextDecoder().decode(body.body)
    case "Raw":
      return typeof body.body === "string" ? body.body : ""
    default:
      return ""
  }
}

/**
 * A JSON `Response` with the given status (and headers).
 *
 * @since 0.1.0
 * @category responses
 * @example
 * ```ts
 * import { FakeHttpClient } from "@effect-signalwire/client"
 *
 * const response = FakeHttpClient.json(401, { code: 20003, message: "Authentication failed", status: 401 })
 * assert.strictEqual(response.headers.get("content-type"), "application/json")
 * ```
 */
export const json = (status: number, body: unknown, headers?: Record<string, string>): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

/**
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { FakeHttpClient } from "@effect-signalwire/client"
 * import { HttpClientRequest } from "@effect/platform"
 * import { Effect } from "effect"
 *
 * const status = await Effect.runPromise(
 *   Effect.gen(function*() {
 *     const { client, fake } = yield* FakeHttpClient.make(() => new Response(null, { status: 204 }))
 *     const response = yield* client.execute(HttpClientRequest.post("https://example.com/x"))
 *     assert.strictEqual((yield* fake.requests).length, 1)
 *     return response.status
 *   }).pipe(Effect.scoped)
 * )
 * assert.strictEqual(status, 204)
 * ```
 */
export const make = (handler: Handler): Effect.Effect<{ readonly client: HttpClient.HttpClient; readonly fake: Service }> =>
  Effect.map(Ref.make<ReadonlyArray<RecordedRequest>>([]), (log) => ({
    fake: { requests: Ref.get(log) },
    client: HttpClient.make((request, url) =>
      Effect.gen(function*() {
        const recorded: RecordedRequest = {
          method: request.method,
          url: url.toString(),
          headers: { ...request.headers },
          form: [...new URLSearchParams(bodyText(request))]
        }
        requests.set(recorded, request)
        const index = (yield* Ref.getAndUpdate(log, (all) => [...all, recorded])).length
        const answer = handler(recorded, index)
        const response = answer instanceof Response ? answer : yield* answer
        return HttpClientResponse.fromWeb(request, response)
      })
    )
  }))

/**
 * Provides the fake as the `HttpClient`, and `FakeHttpClient` to read what it received.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { createCall, FakeHttpClient, RetryPolicy, SignalWireClient } from "@effect-signalwire/client"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * const Fake = SignalWireClient.layer({ projectId: "b3877c40-da60-4998-90ad-b792e98472af", authToken: Redacted.make("PTtoken"), space: "example.signalwire.com" }).pipe(
 *   Layer.provideMerge(FakeHttpClient.layer(() => FakeHttpClient.json(429, { code: 20429, message: "Too Many Requests", status: 429 }, { "retry-after": "2" })))
 * )
 *
 * const error = await Effect.runPromise(Effect.flip(createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }, { retry: RetryPolicy.none }).pipe(Effect.provide(Fake))))
 * assert.strictEqual(error._tag, "RateLimited")
 * ```
 */
export const layer = (handler: Handler): Layer.Layer<HttpClient.HttpClient | FakeHttpClient> =>
  Layer.effectContext(
    Effect.map(make(handler), ({ client, fake }) =>
      Context.make(HttpClient.HttpClient, client).pipe(Context.add(FakeHttpClient, fake)))
  )
