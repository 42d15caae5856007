/**
 * How our client fails over a real HTTP connection, with FetchHttpClient and NodeHttpClient
 * (undici, and node:http): each case asserts the error's tag and fields, and how many requests
 * the server received (what SignalWire would have seen, so how many calls could have been placed).
 */
import { describe, expect, it } from "@effect/vitest"
import { createCall, CreateCallError, RetryPolicy } from "@effect-signalwire/client"
import { ApiErrorBody, CreateCallRequest } from "@effect-signalwire/schema"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import selfsigned from "selfsigned"
import {
  authToken,
  clientLayer,
  created,
  createdCallJson,
  destroy,
  failureOf,
  hang,
  httpClients,
  json,
  make,
  projectId,
  reference,
  type Reply,
  respond,
  sequence,
  unusedPort
} from "./wireServer.js"

const input = { to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" } as const
const decodedInput = Schema.decodeUnknownSync(CreateCallRequest.CreateCallRequest)(input)

const errorBodies = reference("sw-error-bodies.example.json")
const shapes = {
  "single object": errorBodies.single_object_shape.body,
  "errors array": errorBodies.errors_array_shape.body,
  "errors string array": errorBodies.errors_string_array_shape.body
} as const

/** What each documented shape decodes to: SignalWire's code, message and link. */
const expectedDetails = {
  "single object": { code: 20003, detail: "Authentication failed", moreInfo: "https://signalwire.com/docs/compatibility-api/reference/errors" },
  "errors array": {
    code: 30010,
    detail: "Maxpriceperminute was exceeded. This call's cost is 0.008 per minute.",
    moreInfo: "https://signalwire.com/docs/rest/compatibility-api/error-codes"
  },
  "errors string array": { code: undefined, detail: "Validation error message", moreInfo: undefined }
} as const

const tooManyRequests = { code: 20429, message: "Too Many Requests", more_info: "https://example.com/20429", status: 429 }

const noDelay = (times: number) => RetryPolicy.make({ schedule: Schedule.recurs(times) })

/** No error shows the token or the Authorization header, however it is printed. */
const expectNoSecret = (error: CreateCallError.CreateCallError) => {
  const basic = Buffer.from(`${projectId}:${authToken}`).toString("base64")
  for (const text of [error.message, String(error), JSON.stringify(error)]) {
    expect(text).not.toContain(authToken)
    expect(text).not.toContain(basic)
  }
}

describe.each(httpClients)("faults over the wire with %s", (_name, httpClient) => {
  /** A create forked against a server that never answers, once the server has received it. */
  const sentToSilentServer = (requestTimeout: Duration.DurationInput) =>
    Effect.gen(function*() {
      const server = yield* make(() => hang)
      const fiber = yield* createCall(input).pipe(
        Effect.provide(clientLayer(server.origin, httpClient, { requestTimeout })),
        failureOf,
        Effect.fork
      )
      yield* server.received(1)
      return { server, fiber }
    })

  /** Runs one create against a server answering per `script`; the failure and the requests seen. */
  const failing = (
    script: (index: number) => Reply,
    options: Parameters<typeof clientLayer>[2] = {},
    callOptions?: Parameters<typeof createCall>[1]
  ) =>
    Effect.gen(function*() {
      const server = yield* make(script)
      const error = yield* failureOf(createCall(input, callOptions).pipe(Effect.provide(clientLayer(server.origin, httpClient, options))))
      expectNoSecret(error)
      return { error, requests: yield* server.count }
    })

  it.scopedLive("429, 429, then 201: retried as Retry-After (0) says, and placed once", () =>
    Effect.gen(function*() {
      const logs: Array<{ readonly message: unknown; readonly level: string; readonly annotations: Record<string, unknown> }> = []
      const logger = Logger.make(({ annotations, logLevel, message }) => {
        logs.push({ message, level: logLevel.label, annotations: Object.fromEntries(annotations) })
      })
      const limited = json(429, tooManyRequests, { "retry-after": "0" })
      const server = yield* make(sequence(limited, limited, created))
      const call = yield* createCall(input).pipe(
        Effect.provide(clientLayer(server.origin, httpClient)),
        Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
        Logger.withMinimumLogLevel(LogLevel.Debug)
      )
      expect(call.status).toBe("queued")
      expect(yield* server.count).toBe(3)
      const retries = logs.filter((log) => globalThis.Array.isArray(log.message) && log.message.includes("SignalWire Create Call: retrying"))
      expect(retries.map((log) => [log.level, log.annotations.reason, log.annotations.delay])).toStrictEqual([
        ["DEBUG", "RateLimited", "0"],
        ["DEBUG", "RateLimited", "0"]
      ])
      for (const log of logs) expect(JSON.stringify(log)).not.toContain(authToken)
    }))

  it.scopedLive("429 without Retry-After: RateLimited once the client's retries are used up", () =>
    Effect.gen(function*() {
      const { error, requests } = yield* failing(() => json(429, tooManyRequests), { retry: noDelay(2) })
      expect(requests).toBe(3)
      assertTag(error, "RateLimited")
      expect(error.attempts).toBe(3)
      expect(error.retryAfter).toBeUndefined()
      expect(error.status).toBe(429)
      expect(error.code).toBe(20429)
      expect(error.detail).toBe("Too Many Requests")
      expect(error.headers["content-type"]).toBe("application/json; charset=utf-8")
    }))

  it.scopedLive("429 with Retry-After: the per-call schedule wins over the client's, and the delay is kept", () =>
    Effect.gen(function*() {
      const { error, requests } = yield* failing(
        () => json(429, tooManyRequests, { "retry-after": "0" }),
        { retry: noDelay(5) },
        { retry: { schedule: Schedule.recurs(1) } }
      )
      expect(requests).toBe(2)
      assertTag(error, "RateLimited")
      expect(error.attempts).toBe(2)
      expect(error.retryAfter).toStrictEqual(Duration.zero)
      expect(error.headers["retry-after"]).toBe("0")
    }))

  it.scopedLive("429 with Retry-After followed by white space (fetch keeps it): still a number of seconds", () =>
    Effect.gen(function*() {
      const { error } = yield* failing(() => json(429, tooManyRequests, { "retry-after": "7  " }), { retry: RetryPolicy.none })
      assertTag(error, "RateLimited")
      expect(error.retryAfter).toStrictEqual(Duration.seconds(7))
    }))

  it.scopedLive("500 on create: ServerError, sent once (the call may exist, so it is not retried by default)", () =>
    Effect.gen(function*() {
      const { error, requests } = yield* failing(() =>
        json(500, { code: 20500, message: "Internal Server Error", more_info: "https://example.com/20500", status: 500 })
      )
      expect(requests).toBe(1)
      assertTag(error, "ServerError")
      expect(error.status).toBe(500)
      expect(error.code).toBe(20500)
      expect(error.detail).toBe("Internal Server Error")
      expect(error.attempts).toBe(1)
      expect(error.request).toStrictEqual(decodedInput)
    }))

  it.scopedLive("a 5xx is retried when the caller's predicate says so", () =>
    Effect.gen(function*() {
      const server = yield* make(sequence(respond(503), created))
      const call = yield* createCall(input, {
        retry: { schedule: Schedule.recurs(1), isRetryable: (error) => error._tag === "ServerError" }
      }).pipe(Effect.provide(clientLayer(server.origin, httpClient)))
      expect(call.status).toBe("queued")
      expect(yield* server.count).toBe(2)
    }))

  it.scopedLive("502 with a proxy's HTML page: ServerError describing the body, sent once", () =>
    Effect.gen(function*() {
      const { error, requests } = yield* failing(() =>
        respond(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", { "content-type": "text/html" })
      )
      expect(requests).toBe(1)
      assertTag(error, "ServerError")
      expect(error.status).toBe(502)
      expect(error.code).toBeUndefined()
      expect(error.detail).toContain("text/html")
      expect(error.detail).toContain("502 Bad Gateway")
    }))

  it.scopedLive("the socket destroyed once the request was received: OutcomeUnknown (ConnectionLost), sent once", () =>
    Effect.gen(function*() {
      const { error, requests } = yield* failing(() => destroy)
      expect(requests).toBe(1)
      assertTag(error, "OutcomeUnknown")
      expect(error.reason).toBe("ConnectionLost")
      expect(error.attempts).toBe(1)
      expect(error.request).toStrictEqual(decodedInput)
      expect(error.sentAt).toBeInstanceOf(Date)
    }))

  it.scoped("a server that never answers: OutcomeUnknown (Timeout) after requestTimeout, sent once", () =>
    Effect.gen(function*() {
      const { fiber, server } = yield* sentToSilentServer("300 millis")
      yield* TestClock.adjust("299 millis")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 millis")
      const error = yield* Fiber.join(fiber)
      expectNoSecret(error)
      assertTag(error, "OutcomeUnknown")
      expect(error.reason).toBe("Timeout")
      expect(error.detail).toBe("no answer within 300ms")
      expect(error.attempts).toBe(1)
      // The test clock started at 0: sentAt is when the attempt started.
      expect(error.sentAt.getTime()).toBe(0)
      yield* TestClock.adjust("1 minute")
      expect(yield* server.count).toBe(1)
    }))

  // Under TestClock the timeout is the test clock's own: adjusting it is enough, and no real timer
  // (which would take the 10 minutes) is involved. The real-time bound is only a guard.
  it.scoped("with TestClock, adjusting the clock fires the attempt's timeout at once, whatever the real time", () =>
    Effect.gen(function*() {
      const { fiber } = yield* sentToSilentServer("10 minutes")
      yield* TestClock.adjust("10 minutes")
      const error = yield* Fiber.join(fiber).pipe(Effect.timeout("30 seconds"), Effect.withClock(Clock.make()))
      assertTag(error, "OutcomeUnknown")
      expect(error.detail).toBe("no answer within 10m")
    }))

  // Timers longer than 2^31 - 1 ms fire at once in Node, browsers and workers: such a timeout
  // must never fire early.
  it.scopedLive("on the live clock, a timeout longer than a timer can hold (2^31 ms) does not fire early", () =>
    Effect.gen(function*() {
      const server = yield* make(() => created)
      const call = yield* createCall(input).pipe(
        Effect.provide(clientLayer(server.origin, httpClient, { requestTimeout: Duration.millis(2 ** 31) }))
      )
      expect(call.sid).toBe(createdCallJson.sid)
    }))

  // On the live clock the pipeline times an attempt with a timer rather than a sleeping fiber:
  // the same outcome, and the attempt abandoned. Real time, asserted by outcome only.
  it.scopedLive("on the live clock, a server that never answers: OutcomeUnknown (Timeout), the request abandoned, sent once", () =>
    Effect.gen(function*() {
      const server = yield* make(() => hang)
      const error = yield* failureOf(
        createCall(input).pipe(Effect.provide(clientLayer(server.origin, httpClient, { requestTimeout: "200 millis" })))
      )
      assertTag(error, "OutcomeUnknown")
      expect(error.reason).toBe("Timeout")
      expect(error.detail).toBe("no answer within 200ms")
      expect(error.attempts).toBe(1)
      yield* server.abandoned(1)
      expect(yield* server.count).toBe(1)
    }))

  it.scopedLive("on the live clock, a caller interrupted while the server has not answered abandons the request", () =>
    Effect.gen(function*() {
      const { fiber, server } = yield* sentToSilentServer("1 minute")
      yield* Fiber.interrupt(fiber)
      yield* server.abandoned(1)
      expect(yield* server.count).toBe(1)
    }))

  describe.each(Object.keys(shapes) as Array<keyof typeof shapes>)("an error body in the %s shape", (shape) => {
    const cases = [
      [400, "ApiRejected"],
      [422, "ApiRejected"],
      [401, "AuthenticationFailed"],
      [403, "AuthenticationFailed"],
      [404, "NotFound"]
    ] as const
    it.scopedLive.each(cases)(`HTTP %i → %s, SignalWire's code, message and link, sent once (${shape})`, ([status, tag]) =>
      Effect.gen(function*() {
        const body = shapes[shape]
        const { error, requests } = yield* failing(() => json(status, body))
        expect(requests).toBe(1)
        expect(error._tag).toBe(tag)
        if (error._tag !== "ApiRejected" && error._tag !== "AuthenticationFailed" && error._tag !== "NotFound") return
        const expected = expectedDetails[shape]
        expect(error.status).toBe(status)
        expect(error.code).toBe(expected.code)
        expect(error.detail).toBe(expected.detail)
        expect(error.moreInfo).toBe(expected.moreInfo)
        const decoded = ApiErrorBody.decodeOption(body)
        expect(decoded._tag).toBe("Some")
        if (decoded._tag === "Some") expect(error.errors).toStrictEqual(decoded.value.errors)
        expect(error.message).toContain(`HTTP ${status}`)
      }))
  })

  it.scopedLive("200 with an HTML page: PlacedButUnreadable with the status, content type and a bounded snippet", () =>
    Effect.gen(function*() {
      const page = `<!DOCTYPE html><html><head><title>Sign in</title></head><body>${"x".repeat(2000)}</body></html>`
      const { error, requests } = yield* failing(() => respond(200, page, { "content-type": "text/html; charset=utf-8" }))
      expect(requests).toBe(1)
      assertTag(error, "PlacedButUnreadable")
      expect(error.status).toBe(200)
      expect(error.contentType).toBe("text/html; charset=utf-8")
      expect(error.bodySnippet.startsWith("<!DOCTYPE html><html><head><title>Sign in</title>")).toBe(true)
      expect(error.bodySnippet.length).toBeLessThanOrEqual(513)
      expect(error.detail).toBe("the body is not JSON")
    }))

  it.scopedLive("201 with JSON missing the call's essential fields: PlacedButUnreadable naming them, sent once", () =>
    Effect.gen(function*() {
      const { error, requests } = yield* failing(() => json(201, { to: "+13105678901", from: "+13103384645", status: "queued" }))
      expect(requests).toBe(1)
      assertTag(error, "PlacedButUnreadable")
      expect(error.sid).toBeUndefined()
      expect(error.status).toBe(201)
      expect(error.contentType).toBe("application/json; charset=utf-8")
      expect(error.detail).toContain("the body is not a Call")
      expect(error.detail).toContain("sid")
      expect(error.bodySnippet).toBe(JSON.stringify({ to: "+13105678901", from: "+13103384645", status: "queued" }))
    }))

  // A proxy's redirect is an answer, not SignalWire's: the create must not follow it (a 302 would
  // turn into a GET elsewhere, a 307 would POST the form, credentials included, to another place).
  it.scopedLive.each([302, 307] as const)("a %i redirect is not followed: UnexpectedResponse with the 3xx status, sent once", (status) =>
    Effect.gen(function*() {
      const { error, requests } = yield* failing((index) => index === 0 ? respond(status, "", { location: "/elsewhere" }) : created)
      expect(requests).toBe(1)
      assertTag(error, "UnexpectedResponse")
      expect(error.status).toBe(status)
    }))

  it.live("connection refused: retried, then TransportError (Connect, ECONNREFUSED)", () =>
    Effect.gen(function*() {
      const port = yield* unusedPort
      const error = yield* failureOf(
        createCall(input).pipe(Effect.provide(clientLayer(`http://127.0.0.1:${port}`, httpClient, { retry: noDelay(2) })))
      )
      expectNoSecret(error)
      assertTag(error, "TransportError")
      expect(error.reason).toBe("Connect")
      expect(error.code).toBe("ECONNREFUSED")
      // Nothing listens, so no server counts: the attempts say the request was tried 3 times.
      expect(error.attempts).toBe(3)
    }))

  // A TLS failure happens before any byte of the request is written: never sent, and not retried
  // (a server that does not speak TLS, or a certificate nobody trusts, does not heal).
  it.scopedLive("https to a port that speaks plain HTTP: TransportError (Tls) saying so, sent once, received by none", () =>
    Effect.gen(function*() {
      const server = yield* make(() => created)
      const origin = server.origin.replace("http://", "https://")
      const error = yield* failureOf(createCall(input).pipe(Effect.provide(clientLayer(origin, httpClient, { retry: noDelay(2) }))))
      expectNoSecret(error)
      assertTag(error, "TransportError")
      expect(error.reason).toBe("Tls")
      expect(error.attempts).toBe(1)
      expect(error.message).toContain("does not speak HTTPS on this port")
      expect(yield* server.count).toBe(0)
    }))

  it.scopedLive("a self-signed certificate: TransportError (Tls, the verify code) saying it was rejected, sent once, received by none", () =>
    Effect.gen(function*() {
      const server = yield* make(() => created, { tls: selfSigned })
      const error = yield* failureOf(createCall(input).pipe(Effect.provide(clientLayer(server.origin, httpClient, { retry: noDelay(2) }))))
      expectNoSecret(error)
      assertTag(error, "TransportError")
      expect(error.reason).toBe("Tls")
      expect(error.code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT")
      expect(error.attempts).toBe(1)
      expect(error.message).toContain("certificate was rejected")
      expect(yield* server.count).toBe(0)
    }))
})

/** A throw-away self-signed certificate for 127.0.0.1: no client trusts it. */
const selfSigned = (() => {
  const pems = selfsigned.generate([{ name: "commonName", value: "127.0.0.1" }], { days: 1, keySize: 2048, algorithm: "sha256" })
  return { key: pems.private, cert: pems.cert }
})()

/** Narrows an error to the tag the test expects (failing the test otherwise). */
function assertTag<Tag extends CreateCallError.CreateCallError["_tag"]>(
  error: CreateCallError.CreateCallError,
  tag: Tag
): asserts error is Extract<CreateCallError.CreateCallError, { readonly _tag: Tag }> {
  expect(error._tag).toBe(tag)
}
