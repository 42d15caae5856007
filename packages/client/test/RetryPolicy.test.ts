/**
 * Retries, driven with `TestClock`: what is retried (only what provably was not processed), when
 * (Retry-After honoured up to a cap, otherwise jittered backoff), how often, how a client or a
 * single call replaces the policy, timeouts, and the debug line each retry logs.
 */
import { CallControlError, CreateCallError, createCall, RetryPolicy } from "@effect-signalwire/client"
import * as RetryPolicyModule from "@effect-signalwire/client/RetryPolicy"
import { CreateCallRequest } from "@effect-signalwire/schema"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import {
  answers,
  created,
  fakeClient,
  formattedMillis,
  input,
  lost,
  makeLogRecorder,
  rateLimited,
  refused,
  requestCount,
  silent,
  status,
  withinAMinute
} from "./fixtures.js"

const serverError = status(500, { code: 20500, message: "Internal error", status: 500 })
const retryLine = "SignalWire Create Call: retrying"

/** Moves the clock by `millis` and reads how many requests the fake has received by then. */
const countAfter = (millis: number) => Effect.zipRight(TestClock.adjust(Duration.millis(millis)), requestCount)

const request = Schema.decodeUnknownSync(CreateCallRequest.CreateCallRequest)(input)
const sentAt = new Date(0)
const examples: Record<CreateCallError.CreateCallError["_tag"], CreateCallError.CreateCallError> = {
  InvalidRequest: new CreateCallError.InvalidRequest({
    violations: [new CreateCallError.Violation({ path: ["to"], message: "must be a phone number" })]
  }),
  TransportError: new CreateCallError.TransportError({ reason: "Connect", code: "ECONNREFUSED", detail: "refused", attempts: 1 }),
  AuthenticationFailed: new CreateCallError.AuthenticationFailed({ status: 401, detail: "Authentication failed", errors: [] }),
  NotFound: new CreateCallError.NotFound({ status: 404, detail: "Not found", errors: [] }),
  ApiRejected: new CreateCallError.ApiRejected({ status: 400, detail: "Rejected", errors: [] }),
  RateLimited: new CreateCallError.RateLimited({ status: 429, detail: "Too Many Requests", errors: [], headers: {}, attempts: 1 }),
  ServerError: new CreateCallError.ServerError({ status: 500, detail: "Internal error", errors: [], request, sentAt, attempts: 1 }),
  OutcomeUnknown: new CreateCallError.OutcomeUnknown({ reason: "Timeout", detail: "no answer", request, sentAt, attempts: 1 }),
  PlacedButUnreadable: new CreateCallError.PlacedButUnreadable({ status: 201, bodySnippet: "{", detail: "not JSON", request, sentAt, attempts: 1 }),
  UnexpectedResponse: new CreateCallError.UnexpectedResponse({ status: 302, bodySnippet: "<html>", detail: "a redirect" })
}

describe("RetryPolicy", () => {
  it("is the same module from the barrel and from the deep import", () => {
    expect(RetryPolicyModule.safe).toBe(RetryPolicy.safe)
    expect(RetryPolicyModule.isNotProcessed).toBe(RetryPolicy.isNotProcessed)
  })

  describe("isNotProcessed", () => {
    it("accepts a 429 and a connection never made, nothing else", () => {
      const accepted = Object.values(examples).filter(RetryPolicy.isNotProcessed).map((error) => error._tag)
      expect(accepted.sort()).toStrictEqual(["RateLimited", "TransportError"])
    })

    it("refuses a TransportError that is not in the connect phase", () => {
      expect(RetryPolicy.isNotProcessed(new CreateCallError.TransportError({ reason: "InvalidUrl", detail: "bad", attempts: 1 })))
        .toBe(false)
      expect(RetryPolicy.isNotProcessed(new CreateCallError.TransportError({ reason: "Encode", detail: "bad", attempts: 1 })))
        .toBe(false)
    })

    it("is the default predicate of safe and of make", () => {
      expect(RetryPolicy.safe.isRetryable).toBe(RetryPolicy.isNotProcessed)
      expect(RetryPolicy.make({ schedule: Schedule.recurs(1) }).isRetryable).toBe(RetryPolicy.isNotProcessed)
      expect(Object.values(examples).some(RetryPolicy.none.isRetryable)).toBe(false)
    })

    it("isTransient (the idempotent operations' predicate) adds a 5xx and no answer to what was not processed", () => {
      const callControlExamples = [
        ...Object.values(examples),
        new CallControlError.CallNotFound({ sid: "CA1", status: 404, detail: "Not found", errors: [] }),
        new CallControlError.ServerFailure({ status: 503, detail: "Unavailable", errors: [], operation: "Fetch Call", attempts: 1 }),
        new CallControlError.NoResponse({ reason: "ConnectionLost", detail: "reset", operation: "Fetch Call", sentAt, attempts: 1 })
      ]
      const accepted = callControlExamples.filter(RetryPolicy.isTransient).map((error) => error._tag)
      expect(accepted.sort()).toStrictEqual(["NoResponse", "RateLimited", "ServerFailure", "TransportError"])
      expect(RetryPolicy.isTransient(new CreateCallError.TransportError({ reason: "InvalidUrl", detail: "bad", attempts: 1 }))).toBe(false)
      expect(RetryPolicy.idempotent.isRetryable).toBe(RetryPolicy.isTransient)
      expect(RetryPolicy.redirect.isRetryable).toBe(RetryPolicy.isNotProcessed)
    })

    it.effect("honourRetryAfter keeps the output of the schedule it wraps", () =>
      Effect.gen(function*() {
        const driver = yield* Schedule.driver(RetryPolicy.honourRetryAfter(Schedule.recurs(3), "30 seconds"))
        const outputs = [yield* driver.next(examples.ServerError), yield* driver.next(examples.ServerError)]
        expect(outputs).toStrictEqual([0, 1])
      }))

    it("none answers false (a boolean) for every failure", () => {
      expect(Object.values(examples).map(RetryPolicy.none.isRetryable)).toStrictEqual(Object.values(examples).map(() => false))
    })
  })

  describe("the default policy (safe)", () => {
    it.effect("429 twice then 201: the call, after 3 requests", () =>
      Effect.gen(function*() {
        const call = yield* withinAMinute(createCall(input))
        expect(call.sid).toBe("82e7850d-054e-4067-8c4f-6568acd96575")
        expect(yield* requestCount).toBe(3)
      }).pipe(Effect.provide(fakeClient(answers(rateLimited("1"), rateLimited("1"), created())))))

    it.effect("Retry-After: 5 → nothing is sent before 5 s, the retry goes right at 5 s", () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(createCall(input))
        expect(yield* countAfter(0)).toBe(1)
        expect(yield* countAfter(4_999)).toBe(1)
        expect(yield* countAfter(1)).toBe(2)
        expect(yield* countAfter(4_999)).toBe(2)
        expect(yield* countAfter(1)).toBe(3)
        const call = yield* Fiber.join(fiber)
        expect(call.status).toBe("queued")
        expect(yield* requestCount).toBe(3)
      }).pipe(Effect.provide(fakeClient(answers(rateLimited("5"), rateLimited("5"), created())))))

    it.effect("Retry-After as an HTTP date is honoured", () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(createCall(input))
        expect(yield* countAfter(7_999)).toBe(1)
        expect(yield* countAfter(1)).toBe(2)
        yield* Fiber.join(fiber)
      }).pipe(Effect.provide(fakeClient(answers(rateLimited(new Date(8_000).toUTCString()), created())))))

    it.effect("a Retry-After longer than 30 s is capped at 30 s", () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(createCall(input))
        expect(yield* countAfter(29_999)).toBe(1)
        expect(yield* countAfter(1)).toBe(2)
        yield* Fiber.join(fiber)
      }).pipe(Effect.provide(fakeClient(answers(rateLimited("3600"), created())))))

    it.effect("429 without Retry-After waits the jittered backoff (250 ms ± 20%, then doubling)", () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(createCall(input))
        expect(yield* countAfter(199)).toBe(1)
        expect(yield* countAfter(101)).toBe(2) // 300 ms: the first delay is at most 250 ms × 1.2
        // The second delay is 500 ms ± 20% from the retry, so at least 400 ms after 200 ms.
        expect(yield* countAfter(299)).toBe(2)
        expect(yield* countAfter(401)).toBe(3) // 1000 ms: at most 300 + 600
        yield* Fiber.join(fiber)
        expect(yield* requestCount).toBe(3)
      }).pipe(Effect.provide(fakeClient(answers(rateLimited(), rateLimited(), created())))))

    it.effect("gives up after 3 retries: RateLimited from the 4th request", () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(Effect.flip(createCall(input)))
        yield* TestClock.adjust("5 minutes")
        const error = yield* Fiber.join(fiber)
        assert.instanceOf(error, CreateCallError.RateLimited)
        expect(error.attempts).toBe(4)
        expect(yield* requestCount).toBe(4)
      }).pipe(Effect.provide(fakeClient(answers(rateLimited("1"))))))

    it.effect.each([
      ["500", serverError, "ServerError"],
      ["a lost connection", lost, "OutcomeUnknown"],
      ["401", status(401, { code: 20003, message: "Authentication failed" }), "AuthenticationFailed"],
      ["422", status(422, { errors: ["Validation error message"] }), "ApiRejected"],
      ["200 with HTML", () => new Response("<html></html>", { status: 200 }), "PlacedButUnreadable"],
      ["201 with a cut-off body", () => new Response("{\"sid\":\"b3877c40", { status: 201 }), "PlacedButUnreadable"]
    ] as const)("never retries %s (an ambiguous or final outcome): 1 request", ([, answer, tag]) =>
      Effect.gen(function*() {
        const logs = makeLogRecorder()
        const fiber = yield* Effect.fork(Effect.flip(createCall(input)).pipe(Effect.provide(logs.layer)))
        yield* TestClock.adjust("5 minutes")
        const error = yield* Fiber.join(fiber)
        expect(error._tag).toBe(tag)
        expect(yield* requestCount).toBe(1)
        expect(logs.entries.filter((entry) => entry.message === retryLine)).toStrictEqual([])
      }).pipe(Effect.provide(fakeClient(answers(answer, created())))))
  })

  describe("timeouts", () => {
    it.effect("a server that never answers: OutcomeUnknown Timeout after requestTimeout, 1 request, not retried", () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(Effect.flip(createCall(input)))
        yield* TestClock.adjust("1999 millis")
        expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
        yield* TestClock.adjust("1 millis")
        const error = yield* Fiber.join(fiber)
        assert.instanceOf(error, CreateCallError.OutcomeUnknown)
        expect(error).toMatchObject({ _tag: "OutcomeUnknown", reason: "Timeout", attempts: 1 })
        expect(error.detail).toContain("2s")
        expect(error.sentAt.getTime()).toBe(0)
        yield* TestClock.adjust("5 minutes")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(silent, created()), { requestTimeout: "2 seconds" }))))

    it.effect("the default request timeout is 15 s", () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(Effect.flip(createCall(input)))
        yield* TestClock.adjust("14999 millis")
        expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
        yield* TestClock.adjust("1 millis")
        const error = yield* Fiber.join(fiber)
        assert.instanceOf(error, CreateCallError.OutcomeUnknown)
        expect(error.reason).toBe("Timeout")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(silent)))))

    it.effect("a per-call requestTimeout overrides the client's", () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(Effect.flip(createCall(input, { requestTimeout: "500 millis" })))
        yield* TestClock.adjust("500 millis")
        const error = yield* Fiber.join(fiber)
        assert.instanceOf(error, CreateCallError.OutcomeUnknown)
        expect(error.reason).toBe("Timeout")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(silent)))))

    it.effect("the timeout applies to each attempt: a retried 429 then silence times out on the 2nd attempt", () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(Effect.flip(createCall(input)))
        yield* TestClock.adjust("1 second") // the retry, 1 s later
        yield* TestClock.adjust("2 seconds")
        const error = yield* Fiber.join(fiber)
        assert.instanceOf(error, CreateCallError.OutcomeUnknown)
        expect(error.attempts).toBe(2)
        expect(error.sentAt.getTime()).toBe(1_000)
        expect(yield* requestCount).toBe(2)
      }).pipe(Effect.provide(fakeClient(answers(rateLimited("1"), silent), { requestTimeout: "2 seconds" }))))
  })

  describe("policies other than the default", () => {
    it.effect("none never retries: a 429 and a refused connection are sent once", () =>
      Effect.gen(function*() {
        const limited = yield* Effect.flip(createCall(input))
        assert.instanceOf(limited, CreateCallError.RateLimited)
        expect(limited.attempts).toBe(1)
        const refusedError = yield* Effect.flip(createCall(input))
        assert.instanceOf(refusedError, CreateCallError.TransportError)
        expect(refusedError.attempts).toBe(1)
        expect(yield* requestCount).toBe(2)
      }).pipe(Effect.provide(fakeClient(answers(rateLimited("1"), refused), { retry: RetryPolicy.none }))))

    it.effect("a per-client policy (make with its schedule) replaces the default", () =>
      Effect.gen(function*() {
        const error = yield* withinAMinute(Effect.flip(createCall(input)))
        assert.instanceOf(error, CreateCallError.RateLimited)
        expect(error.attempts).toBe(2)
        expect(yield* requestCount).toBe(2)
      }).pipe(Effect.provide(fakeClient(answers(rateLimited()), {
        retry: RetryPolicy.make({ schedule: Schedule.recurs(1) })
      }))))

    it.effect("backoff({ times }) bounds the retries", () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(Effect.flip(createCall(input)))
        yield* TestClock.adjust("5 minutes")
        const error = yield* Fiber.join(fiber)
        assert.instanceOf(error, CreateCallError.TransportError)
        expect(error.attempts).toBe(6)
        expect(yield* requestCount).toBe(6)
      }).pipe(Effect.provide(fakeClient(answers(refused), {
        retry: RetryPolicy.make({ schedule: RetryPolicy.backoff({ times: 5 }) })
      }))))

    it.effect("backoff({ maxRetryAfter }) sets the cap on Retry-After", () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(createCall(input))
        expect(yield* countAfter(9_999)).toBe(1)
        expect(yield* countAfter(1)).toBe(2)
        yield* Fiber.join(fiber)
      }).pipe(Effect.provide(fakeClient(answers(rateLimited("60"), created()), {
        retry: RetryPolicy.make({ schedule: RetryPolicy.backoff({ maxRetryAfter: "10 seconds" }) })
      }))))

    it.effect("backoff({ base, maxDelay }) sets the delays", () =>
      Effect.gen(function*() {
        const logs = makeLogRecorder()
        const fiber = yield* Effect.fork(createCall(input).pipe(Effect.provide(logs.layer)))
        expect(yield* countAfter(1_599)).toBe(1) // 2 s − 20%
        expect(yield* countAfter(801)).toBe(2) // 2 s + 20%
        yield* TestClock.adjust("1 minute")
        yield* Fiber.join(fiber)
        expect(yield* requestCount).toBe(3)
        const delays = logs.entries.filter((entry) => entry.message === retryLine).map((entry) => String(entry.annotations.delay))
        expect(delays).toHaveLength(2)
        const first = formattedMillis(delays[0]!)
        expect(first).toBeGreaterThanOrEqual(1_600)
        expect(first).toBeLessThanOrEqual(2_400)
        // The next would be 4 s ± 20%: capped at 3 s.
        expect(delays[1]).toBe("3s")
      }).pipe(Effect.provide(fakeClient(answers(rateLimited(), rateLimited(), created()), {
        retry: RetryPolicy.make({ schedule: RetryPolicy.backoff({ base: "2 seconds", maxDelay: "3 seconds" }) })
      }))))

    it.effect("a per-call policy overrides the client's (schedule and predicate)", () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(createCall(input, {
          retry: { schedule: Schedule.recurs(5), isRetryable: (error) => error._tag === "ServerError" }
        }))
        yield* TestClock.adjust("1 minute")
        const call = yield* Fiber.join(fiber)
        expect(call.sid).toBe("82e7850d-054e-4067-8c4f-6568acd96575")
        expect(yield* requestCount).toBe(4)
      }).pipe(Effect.provide(fakeClient(answers(serverError, serverError, serverError, created()), {
        retry: RetryPolicy.none
      }))))

    it.effect("a per-call schedule alone keeps the client's predicate", () =>
      Effect.gen(function*() {
        // The client's predicate (safe) refuses a 500 whatever the schedule allows.
        const server = yield* Effect.flip(createCall(input, { retry: { schedule: Schedule.recurs(5) } }))
        assert.instanceOf(server, CreateCallError.ServerError)
        expect(yield* requestCount).toBe(1)
        // And accepts a 429 as often as the per-call schedule allows (once).
        const limited = yield* withinAMinute(Effect.flip(createCall(input, { retry: { schedule: Schedule.recurs(1) } })))
        assert.instanceOf(limited, CreateCallError.RateLimited)
        expect(limited.attempts).toBe(2)
        expect(yield* requestCount).toBe(3)
      }).pipe(Effect.provide(fakeClient(answers(serverError, rateLimited())))))

    it.effect("a per-call predicate alone keeps the client's schedule", () =>
      Effect.gen(function*() {
        const error = yield* withinAMinute(Effect.flip(createCall(input, { retry: { isRetryable: () => true } })))
        assert.instanceOf(error, CreateCallError.ServerError)
        expect(error.attempts).toBe(3)
        expect(yield* requestCount).toBe(3)
      }).pipe(Effect.provide(fakeClient(answers(serverError), {
        retry: RetryPolicy.make({ schedule: Schedule.recurs(2) })
      }))))

    it.effect("a predicate that allows ServerError: 500, 500, 201 succeeds with 3 requests", () =>
      Effect.gen(function*() {
        const call = yield* withinAMinute(createCall(input))
        expect(call.status).toBe("queued")
        expect(yield* requestCount).toBe(3)
      }).pipe(Effect.provide(fakeClient(answers(serverError, serverError, created()), {
        retry: RetryPolicy.make({
          schedule: RetryPolicy.backoff(),
          isRetryable: (error) => RetryPolicy.isNotProcessed(error) || error._tag === "ServerError"
        })
      }))))

    it.effect("a ServerError after retries carries the attempt count and when the last was sent", () =>
      Effect.gen(function*() {
        const error = yield* withinAMinute(Effect.flip(createCall(input)))
        assert.instanceOf(error, CreateCallError.ServerError)
        expect(error.attempts).toBe(3)
        expect(error.sentAt.getTime()).toBe(2_000)
      }).pipe(Effect.provide(fakeClient(answers(serverError), {
        retry: RetryPolicy.make({ schedule: Schedule.spaced("1 second").pipe(Schedule.intersect(Schedule.recurs(2))), isRetryable: () => true })
      }))))
  })

  describe("logging", () => {
    it.effect("each retry is logged at debug with the reason and the delay", () =>
      Effect.gen(function*() {
        const logs = makeLogRecorder()
        yield* withinAMinute(createCall(input).pipe(Effect.provide(logs.layer)))
        expect(yield* requestCount).toBe(3)
        const retries = logs.entries.filter((entry) => entry.message === retryLine)
        expect(retries.map((entry) => entry.level)).toStrictEqual(["DEBUG", "DEBUG"])
        expect(retries[0]?.annotations).toMatchObject({ reason: "RateLimited", delay: "5s" })
        expect(retries[1]?.annotations).toMatchObject({ reason: "TransportError" })
        // The second delay: the backoff's second step, 500 ms ± 20%.
        const delay = formattedMillis(String(retries[1]?.annotations.delay))
        expect(delay).toBeGreaterThanOrEqual(400)
        expect(delay).toBeLessThanOrEqual(600)
      }).pipe(Effect.provide(fakeClient(answers(rateLimited("5"), refused, created())))))

    it.effect("the logged delay is the capped one", () =>
      Effect.gen(function*() {
        const logs = makeLogRecorder()
        yield* withinAMinute(createCall(input).pipe(Effect.provide(logs.layer)))
        const retries = logs.entries.filter((entry) => entry.message === retryLine)
        expect(retries.map((entry) => entry.annotations.delay)).toStrictEqual(["30s"])
      }).pipe(Effect.provide(fakeClient(answers(rateLimited("600"), created())))))
  })
})
