/**
 * What `createCall` makes of an HttpClient's failures, cause chain by cause chain: only a chain
 * whose every coded error happened before a connection existed is "never sent" (a
 * `TransportError` that the default policy retries); anything else may have reached SignalWire
 * (`OutcomeUnknown`, never retried). The chains are built as Node's fetch builds them (a
 * `TypeError: fetch failed` wrapping the system error, an `AggregateError` when every address of
 * a host failed) and handed to the client through a real `HttpClient` made with `HttpClient.make`.
 * Also: answers whose body cannot be read, the other RequestError reasons, and `Retry-After`
 * values that are not numbers of seconds.
 */
import { CreateCallError, createCall, RetryPolicy, SignalWireClient } from "@effect-signalwire/client"
import { assert, describe, expect, it } from "@effect/vitest"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import { input, options } from "./fixtures.js"

/** A system error as Node raises it: a message and a `code`. */
const systemError = (message: string, code: string, cause?: unknown) =>
  Object.assign(new Error(message, cause === undefined ? {} : { cause }), { code })

/** fetch's wrapper around whatever went wrong underneath. */
const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause })

/**
 * The client over an HttpClient that answers every request with `answer` (one retry allowed, with
 * no delay, so that "retried" shows as 2 attempts); `sent` counts the requests.
 */
const clientAnswering = (
  answer: (request: Parameters<Parameters<typeof HttpClient.make>[0]>[0]) => Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>
) => {
  const sent = { count: 0 }
  const httpClient = HttpClient.make((request) => {
    sent.count++
    return answer(request)
  })
  const layer = SignalWireClient.layer(options({ retry: RetryPolicy.make({ schedule: Schedule.recurs(1) }) })).pipe(
    Layer.provide(Layer.succeed(HttpClient.HttpClient, httpClient))
  )
  return { layer, sent }
}

const failingWith = (cause: unknown, reason: HttpClientError.RequestError["reason"] = "Transport") =>
  clientAnswering((request) => Effect.fail(new HttpClientError.RequestError({ request, reason, cause })))

/** The failure of one `createCall` over a client failing with `cause`, and how many requests went out. */
const outcome = (cause: unknown, reason?: HttpClientError.RequestError["reason"]) => {
  const { layer, sent } = failingWith(cause, reason)
  return Effect.map(Effect.flip(createCall(input).pipe(Effect.provide(layer))), (error) => ({ error, sent: sent.count }))
}

const connectPhaseCodes = [
  ["ECONNREFUSED", "connect ECONNREFUSED 203.0.113.7:443"],
  ["ENOTFOUND", "getaddrinfo ENOTFOUND example.invalid"],
  ["EAI_AGAIN", "getaddrinfo EAI_AGAIN example.signalwire.com"],
  ["EHOSTUNREACH", "connect EHOSTUNREACH 203.0.113.7:443"],
  ["ENETUNREACH", "connect ENETUNREACH 2001:db8::1:443"],
  ["EADDRNOTAVAIL", "connect EADDRNOTAVAIL 203.0.113.7:443 - Local (0.0.0.0:0)"],
  ["UND_ERR_CONNECT_TIMEOUT", "Connect Timeout Error"]
] as const

describe("cause chains", () => {
  describe("never sent: retried, then TransportError (Connect) with the code", () => {
    it.effect.each(connectPhaseCodes)("%s", ([code, message]) =>
      Effect.gen(function*() {
        const { error, sent } = yield* outcome(fetchFailed(systemError(message, code)))
        assert.instanceOf(error, CreateCallError.TransportError)
        expect(error.reason).toBe("Connect")
        expect(error.code).toBe(code)
        expect(error.attempts).toBe(2)
        expect(sent).toBe(2)
      }))

    it.effect("an AggregateError of refusals (every address of the host refused): its errors are read", () =>
      Effect.gen(function*() {
        const refusals = new AggregateError([
          systemError("connect ECONNREFUSED ::1:443", "ECONNREFUSED"),
          systemError("connect ECONNREFUSED 127.0.0.1:443", "ECONNREFUSED")
        ])
        const { error, sent } = yield* outcome(fetchFailed(refusals))
        assert.instanceOf(error, CreateCallError.TransportError)
        expect(error.code).toBe("ECONNREFUSED")
        expect(sent).toBe(2)
      }))

    it.effect("the detail describes the chain: messages, and the code when the message lacks it", () =>
      Effect.gen(function*() {
        const timeout = yield* outcome(fetchFailed(systemError("Connect Timeout Error", "UND_ERR_CONNECT_TIMEOUT")))
        expect(timeout.error.message).toContain("fetch failed: Connect Timeout Error (UND_ERR_CONNECT_TIMEOUT)")
        const refused = yield* outcome(fetchFailed(systemError("connect ECONNREFUSED 203.0.113.7:443", "ECONNREFUSED")))
        assert.instanceOf(refused.error, CreateCallError.TransportError)
        expect(refused.error.detail).toBe("fetch failed: connect ECONNREFUSED 203.0.113.7:443")
        // Only a message's first line, without the white space around it (OpenSSL's end in a newline).
        const padded = yield* outcome(fetchFailed(systemError("  connect ECONNREFUSED 203.0.113.7:443 \r\n    at TCPConnectWrap", "ECONNREFUSED")))
        assert.instanceOf(padded.error, CreateCallError.TransportError)
        expect(padded.error.detail).toBe("fetch failed: connect ECONNREFUSED 203.0.113.7:443")
      }))
  })

  describe("maybe processed: OutcomeUnknown (ConnectionLost), sent once", () => {
    const expectMaybeProcessed = (cause: unknown) =>
      Effect.gen(function*() {
        const { error, sent } = yield* outcome(cause)
        assert.instanceOf(error, CreateCallError.OutcomeUnknown)
        expect(error.reason).toBe("ConnectionLost")
        expect(sent).toBe(1)
        return error
      })

    it.effect("a reset after connecting", () => expectMaybeProcessed(fetchFailed(systemError("read ECONNRESET", "ECONNRESET"))))

    it.effect("a chain holding a connect-phase code AND a later one (refused, then reset on another address)", () =>
      Effect.gen(function*() {
        yield* expectMaybeProcessed(
          fetchFailed(systemError("read ECONNRESET", "ECONNRESET", systemError("connect ECONNREFUSED 203.0.113.7:443", "ECONNREFUSED")))
        )
        yield* expectMaybeProcessed(
          fetchFailed(systemError("connect ECONNREFUSED 203.0.113.7:443", "ECONNREFUSED", systemError("read ECONNRESET", "ECONNRESET")))
        )
      }))

    it.effect("an AggregateError holding a refusal and a reset", () =>
      expectMaybeProcessed(
        fetchFailed(new AggregateError([systemError("connect ECONNREFUSED ::1:443", "ECONNREFUSED"), systemError("read ECONNRESET", "ECONNRESET")]))
      ))

    it.effect("no code anywhere in the chain (nothing proves it was not sent)", () =>
      Effect.gen(function*() {
        const error = yield* expectMaybeProcessed(fetchFailed(new Error("other side closed")))
        expect(error.detail).toBe("fetch failed: other side closed")
      }))

    it.effect("a null, a string or a number as the cause: no defect", () =>
      Effect.gen(function*() {
        yield* expectMaybeProcessed(fetchFailed(null))
        yield* expectMaybeProcessed(fetchFailed("socket closed"))
        yield* expectMaybeProcessed(fetchFailed(42))
        const bare = yield* expectMaybeProcessed("socket closed")
        expect(bare.detail).toBe("socket closed")
        const number = yield* expectMaybeProcessed(42)
        expect(number.detail).toBe("42")
      }))

    it.effect("a cyclic cause chain ends (and counts what it saw)", () =>
      Effect.gen(function*() {
        const top = new TypeError("fetch failed")
        const inner = systemError("connect ECONNREFUSED 203.0.113.7:443", "ECONNREFUSED", top)
        Object.assign(top, { cause: inner })
        // Every code in the (repeating) chain is a refusal: never sent.
        const { error } = yield* outcome(top)
        assert.instanceOf(error, CreateCallError.TransportError)
        expect(error.code).toBe("ECONNREFUSED")
        // Each message once, however often the cycle came round.
        expect(error.detail).toBe("fetch failed: connect ECONNREFUSED 203.0.113.7:443")
      }))

    it.effect("an AggregateError that lists itself ends too", () =>
      Effect.gen(function*() {
        const refusals = new AggregateError([systemError("connect ECONNREFUSED ::1:443", "ECONNREFUSED")])
        ;(refusals.errors as Array<unknown>).push(refusals)
        const { error } = yield* outcome(fetchFailed(refusals))
        assert.instanceOf(error, CreateCallError.TransportError)
      }))

    it.effect("odd shapes in the chain: `errors` that is no array, a code that is no string, an error without a message", () =>
      Effect.gen(function*() {
        // Not an AggregateError's list: ignored, no defect.
        const notAList = yield* outcome(fetchFailed(Object.assign(systemError("connect ECONNREFUSED 203.0.113.7:443", "ECONNREFUSED"), { errors: 42 })))
        assert.instanceOf(notAList.error, CreateCallError.TransportError)
        // A numeric code (an errno) is no system error code: the refusal still decides.
        const numeric = yield* outcome(fetchFailed(systemError("connect ECONNREFUSED 203.0.113.7:443", "ECONNREFUSED", { code: -111 })))
        assert.instanceOf(numeric.error, CreateCallError.TransportError)
        // A plain object in the chain has no message to show.
        expect(numeric.error.detail).toBe("fetch failed: connect ECONNREFUSED 203.0.113.7:443")
        // An empty message adds nothing to the description.
        const empty = yield* outcome(fetchFailed(new Error("")))
        assert.instanceOf(empty.error, CreateCallError.OutcomeUnknown)
        expect(empty.error.detail).toBe("fetch failed")
      }))

    it.effect("a very deep chain is read to a bounded depth: a reset 8 levels down counts, one 20 levels down is not reached", () =>
      Effect.gen(function*() {
        const chain = (depth: number, bottom: unknown): unknown =>
          depth === 0 ? bottom : new Error(`wrapper ${depth}`, { cause: chain(depth - 1, bottom) })
        const refused = (cause: unknown) => systemError("connect ECONNREFUSED 203.0.113.7:443", "ECONNREFUSED", cause)
        // The refusal at the top, a reset below 7 wrappers: within reach, so maybe processed.
        yield* expectMaybeProcessed(refused(chain(7, systemError("read ECONNRESET", "ECONNRESET"))))
        // Below 20 wrappers the reset is out of reach; the walk stops instead of recursing forever.
        const { error } = yield* outcome(refused(chain(20, systemError("read ECONNRESET", "ECONNRESET"))))
        assert.instanceOf(error, CreateCallError.TransportError)
      }))
  })

  describe("the other RequestError reasons: TransportError, not retried", () => {
    it.effect.each(["InvalidUrl", "Encode"] as const)("%s", (reason) =>
      Effect.gen(function*() {
        const { error, sent } = yield* outcome(new Error(`bad ${reason}`), reason)
        assert.instanceOf(error, CreateCallError.TransportError)
        expect(error.reason).toBe(reason)
        expect(error.detail).toBe(`bad ${reason}`)
        expect(sent).toBe(1)
      }))
  })

  describe("answers whose body cannot be read", () => {
    const brokenBody = (status: number) =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.error(systemError("read ECONNRESET", "ECONNRESET"))
          }
        }),
        { status, headers: { "content-type": "application/json" } }
      )
    const answering = (status: number) =>
      clientAnswering((request) => Effect.succeed(HttpClientResponse.fromWeb(request, brokenBody(status))))

    it.effect("a 500 whose body is lost: ServerError by its status, sent once", () =>
      Effect.gen(function*() {
        const { layer, sent } = answering(500)
        const error = yield* Effect.flip(createCall(input).pipe(Effect.provide(layer)))
        assert.instanceOf(error, CreateCallError.ServerError)
        expect(error.detail).toBe("HTTP 500 with an empty body")
        expect(sent.count).toBe(1)
      }))

    it.effect("a 400 whose body is lost: ApiRejected by its status", () =>
      Effect.gen(function*() {
        const { layer } = answering(400)
        const error = yield* Effect.flip(createCall(input).pipe(Effect.provide(layer)))
        assert.instanceOf(error, CreateCallError.ApiRejected)
      }))

    it.effect("a 302 whose body is lost: UnexpectedResponse by its status, with an empty snippet", () =>
      Effect.gen(function*() {
        const { layer, sent } = answering(302)
        const error = yield* Effect.flip(createCall(input).pipe(Effect.provide(layer)))
        assert.instanceOf(error, CreateCallError.UnexpectedResponse)
        expect(error.status).toBe(302)
        expect(error.bodySnippet).toBe("")
        expect(sent.count).toBe(1)
      }))

    it.effect("a 201 whose body is lost: OutcomeUnknown (ConnectionLost), never retried", () =>
      Effect.gen(function*() {
        const { layer, sent } = answering(201)
        const error = yield* Effect.flip(createCall(input).pipe(Effect.provide(layer)))
        assert.instanceOf(error, CreateCallError.OutcomeUnknown)
        expect(error.reason).toBe("ConnectionLost")
        expect(error.detail).toContain("ECONNRESET")
        expect(sent.count).toBe(1)
      }))

    it.effect("a ResponseError from the HttpClient (the answer broke off): OutcomeUnknown (ConnectionLost), sent once", () =>
      Effect.gen(function*() {
        const { layer, sent } = clientAnswering((request) => {
          const response = HttpClientResponse.fromWeb(request, new Response(null, { status: 201 }))
          return Effect.fail(
            new HttpClientError.ResponseError({ request, response, reason: "Decode", cause: systemError("aborted", "ECONNRESET") })
          )
        })
        const error = yield* Effect.flip(createCall(input).pipe(Effect.provide(layer)))
        assert.instanceOf(error, CreateCallError.OutcomeUnknown)
        expect(error.reason).toBe("ConnectionLost")
        expect(error.detail).toBe("aborted (ECONNRESET)")
        expect(sent.count).toBe(1)
      }))
  })

  describe("Retry-After that is not a number of seconds nor a date", () => {
    it.effect.each(["10abc", "abc10", "soon"])("%j: no retryAfter on the RateLimited error", (value) =>
      Effect.gen(function*() {
        const { layer } = clientAnswering((request) =>
          Effect.succeed(HttpClientResponse.fromWeb(
            request,
            new Response(JSON.stringify({ code: 20429, message: "Too Many Requests", status: 429 }), {
              status: 429,
              headers: { "content-type": "application/json", "retry-after": value }
            })
          ))
        )
        const error = yield* Effect.flip(createCall(input, { retry: RetryPolicy.none }).pipe(Effect.provide(layer)))
        assert.instanceOf(error, CreateCallError.RateLimited)
        expect(error.retryAfter).toBeUndefined()
      }))
  })
})
