/**
 * No answer, however malformed, makes `createCall` die: any status, any headers, any body (random
 * text, random JSON, SignalWire's Call with a field replaced by anything) ends in a `Call` or in
 * one of the typed errors, after exactly one request (retries are off, so a 429 is not re-sent).
 */
import { createCall, RetryPolicy } from "@effect-signalwire/client"
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FastCheck from "effect/FastCheck"
import { createResponseBody, fakeClient, input, requestCount } from "./fixtures.js"

const typedErrors = new Set([
  "AuthenticationFailed",
  "NotFound",
  "ApiRejected",
  "RateLimited",
  "ServerError",
  "OutcomeUnknown",
  "PlacedButUnreadable",
  "UnexpectedResponse"
])

// A Response can only be built with a status from 200 to 599 (a 1xx is never a final answer).
const status = FastCheck.oneof(
  FastCheck.integer({ min: 200, max: 599 }),
  FastCheck.constantFrom(200, 201, 204, 205, 301, 304, 400, 401, 403, 404, 422, 429, 500, 503)
)

// The Fetch standard's null-body statuses: `new Response("{}", { status: 304 })` throws, and no
// server sends a body with them, so they get none.
const nullBodyStatuses: ReadonlySet<number> = new Set([101, 103, 204, 205, 304])

const headerValue = FastCheck.oneof(
  FastCheck.string({ unit: FastCheck.constantFrom(..."0123456789 ,;=:-/abcGMTWed") }),
  FastCheck.constantFrom("0", "-1", "1e400", "9".repeat(400), "Wed, 21 Oct 2015 07:28:00 GMT", "soon")
)

const headers = FastCheck.record(
  {
    "content-type": FastCheck.constantFrom("application/json", "text/html", "text/plain", "application/xml", ""),
    "retry-after": headerValue
  },
  { requiredKeys: [] }
)

// SignalWire's Call with one field replaced by any JSON value (or removed).
const mutatedCall = FastCheck.tuple(
  FastCheck.constantFrom(...Object.keys(createResponseBody)),
  FastCheck.option(FastCheck.jsonValue({ maxDepth: 2 }), { nil: undefined })
).map(([key, value]) => JSON.stringify({ ...createResponseBody, [key]: value }))

const body = FastCheck.oneof(
  FastCheck.string(),
  FastCheck.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  mutatedCall,
  FastCheck.constantFrom("", "null", "{", "<html><body>Bad gateway</body></html>", "{\"errors\":[]}", "{\"errors\":[{}]}")
)

const answer = FastCheck.record({ status, headers, body })

describe("malformed answers", () => {
  it.effect.prop(
    "end in a Call or a typed error, never a defect, after one request",
    [answer],
    ([{ body, headers, status }]) =>
      Effect.gen(function*() {
        const exit = yield* Effect.exit(createCall(input, { retry: RetryPolicy.none }))
        if (Exit.isFailure(exit)) {
          assert.isFalse(Cause.isDie(exit.cause), Cause.pretty(exit.cause))
          const failure = Cause.failureOption(exit.cause)
          assert.isTrue(failure._tag === "Some" && typedErrors.has(failure.value._tag), Cause.pretty(exit.cause))
        } else {
          assert.isTrue(status >= 200 && status < 300, `succeeded on HTTP ${status}`)
        }
        assert.strictEqual(yield* requestCount, 1)
      }).pipe(
        Effect.provide(
          fakeClient(() => new Response(nullBodyStatuses.has(status) ? null : body, { status, headers }))
        )
      ),
    { fastCheck: { numRuns: 300 } }
  )
})
