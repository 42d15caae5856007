/**
 * The auth token and a request's SIP password never leave in anything the client produces for
 * people to read: an error's `message`, `String(error)`, its JSON, its inspection, the logs
 * (at Debug) and the spans of runs that hit every branch. And the `createCall` span is
 * annotated with the call sid on success.
 */
import { CreateCallError, createCall, RetryPolicy } from "@effect-signalwire/client"
import { CreateCallRequest } from "@effect-signalwire/schema"
import type { FakeHttpClient, SignalWireConfig } from "@effect-signalwire/client"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import { inspect } from "node:util"
import {
  answers,
  authToken,
  created,
  createResponseBody,
  errorBodies,
  examples,
  fakeClient,
  lost,
  makeLogRecorder,
  makeSpanRecorder,
  projectId,
  rateLimited,
  refused,
  requests,
  silent,
  sipInput,
  sipPassword,
  status,
  cutOffBody
} from "./fixtures.js"

// The token also travels base64-encoded in the Authorization header: that form must not leak either.
const basicCredentials = Buffer.from(`${projectId}:${authToken}`).toString("base64")
const secrets = [authToken, sipPassword, basicCredentials]

const expectNoSecret = (what: string, text: string) => {
  for (const secret of secrets) {
    expect(text.includes(secret), `${what} contains a secret`).toBe(false)
  }
}

/** Every way an error is shown to a person or a log pipeline. */
const renderings = (error: CreateCallError.CreateCallError): Record<string, string> => ({
  message: error.message,
  string: String(error),
  json: JSON.stringify(error),
  inspect: inspect(error, { depth: 20 }),
  pretty: Cause.pretty(Cause.fail(error), { renderErrorCause: true })
})

interface Scenario {
  readonly name: string
  readonly tag: CreateCallError.CreateCallError["_tag"] | "Success"
  readonly handler: FakeHttpClient.Handler
  readonly input?: CreateCallRequest.CreateCallRequest.Encoded
  readonly options?: Partial<SignalWireConfig.Options>
}

const html = () => new Response(`<html>${"down ".repeat(300)}</html>`, { status: 200, headers: { "content-type": "text/html" } })
const { sid: _sid, ...callWithoutSid } = createResponseBody

// Every branch of createCall, each with the SIP password in the request.
const scenarios: ReadonlyArray<Scenario> = [
  { name: "success", tag: "Success", handler: answers(created()) },
  { name: "invalid field", tag: "InvalidRequest", handler: answers(created()), input: { ...sipInput, to: "+1" } },
  {
    name: "password without user name",
    tag: "InvalidRequest",
    handler: answers(created()),
    input: { to: sipInput.to, from: sipInput.from, url: sipInput.url, sipAuthPassword: sipPassword } as any
  },
  { name: "connection refused (retried)", tag: "TransportError", handler: answers(refused) },
  { name: "connection lost", tag: "OutcomeUnknown", handler: answers(lost) },
  { name: "body cut off", tag: "OutcomeUnknown", handler: answers(cutOffBody) },
  { name: "timeout", tag: "OutcomeUnknown", handler: answers(silent) },
  { name: "401", tag: "AuthenticationFailed", handler: answers(status(401, errorBodies.single_object_shape.body)) },
  { name: "403", tag: "AuthenticationFailed", handler: answers(status(403, examples.error_auth)) },
  { name: "404", tag: "NotFound", handler: answers(status(404, { code: 20404, message: "Not found" })) },
  { name: "400 shape 1", tag: "ApiRejected", handler: answers(status(400, examples.error_code_message)) },
  { name: "400 shape 2", tag: "ApiRejected", handler: answers(status(400, errorBodies.errors_array_shape.body)) },
  { name: "422 shape 3", tag: "ApiRejected", handler: answers(status(422, errorBodies.errors_string_array_shape.body)) },
  { name: "429 (retried)", tag: "RateLimited", handler: answers(rateLimited("1")) },
  { name: "500", tag: "ServerError", handler: answers(status(500, { code: 20500, message: "Internal error" })) },
  {
    name: "500 retried by a custom predicate",
    tag: "ServerError",
    handler: answers(status(503, { code: 20503, message: "Unavailable" })),
    options: { retry: RetryPolicy.make({ schedule: RetryPolicy.backoff({ times: 2 }), isRetryable: () => true }) }
  },
  { name: "200 with HTML", tag: "PlacedButUnreadable", handler: answers(html) },
  { name: "201 missing fields", tag: "PlacedButUnreadable", handler: answers(created(201, callWithoutSid)) },
  {
    name: "302",
    tag: "UnexpectedResponse",
    handler: answers(() => new Response(null, { status: 302, headers: { location: "https://example.com/" } }))
  }
]

/** Runs a scenario with logs at Debug and a recording tracer; the user logs the failure too, as apps do. */
const run = (scenario: Scenario) =>
  Effect.gen(function*() {
    const logs = makeLogRecorder()
    const tracing = makeSpanRecorder()
    const fiber = yield* createCall(scenario.input ?? sipInput).pipe(
      Effect.tapErrorCause((cause) => Effect.logDebug("createCall failed", cause)),
      Effect.tapError((error) => Effect.logError(error)),
      Effect.withSpan("the user's span"),
      Effect.withTracer(tracing.tracer),
      Effect.provide(logs.layer),
      Effect.exit,
      Effect.fork
    )
    yield* TestClock.adjust("5 minutes")
    const exit = yield* Fiber.join(fiber)
    const sent = yield* requests
    return { exit, logs: logs.entries, spans: tracing.spans, sent }
  }).pipe(Effect.provide(fakeClient(scenario.handler, { requestTimeout: "10 seconds", ...scenario.options })))

describe("secrets", () => {
  it.effect.each(scenarios)("$name: no secret in the error, the logs or the spans", (scenario) =>
    Effect.gen(function*() {
      const { exit, logs, sent, spans } = yield* run(scenario)
      // The outcome is the branch this scenario meant to hit.
      const tag = Exit.match(exit, {
        onSuccess: () => "Success",
        onFailure: (cause) => Option.match(Cause.failureOption(cause), { onNone: () => "Defect", onSome: (error) => error._tag })
      })
      expect(tag).toBe(scenario.tag)

      if (Exit.isFailure(exit)) {
        const error = Option.getOrThrow(Cause.failureOption(exit.cause))
        for (const [how, text] of Object.entries(renderings(error))) expectNoSecret(`${scenario.name}: error ${how}`, text)
        expectNoSecret(`${scenario.name}: the exit`, inspect(exit, { depth: 20 }))
      }

      // A failure is logged by the user's taps above: the lines a real app would write.
      if (Exit.isFailure(exit)) expect(logs.length).toBeGreaterThan(0)
      for (const entry of logs) expectNoSecret(`${scenario.name}: log line ${entry.message}`, entry.text)

      expect(spans.length).toBeGreaterThan(0)
      for (const span of spans) {
        for (const [key, value] of span.attributes) {
          expectNoSecret(`${scenario.name}: span ${span.name} attribute ${key}`, `${String(value)} ${JSON.stringify(value)}`)
        }
        for (const event of span.events) {
          expectNoSecret(`${scenario.name}: span ${span.name} event ${event.name}`, `${event.name} ${JSON.stringify(event.attributes)}`)
        }
        // What an exporter records of a failed span: the rendered cause (a success value is not exported).
        if (span.status._tag === "Ended" && Exit.isFailure(span.status.exit)) {
          expectNoSecret(
            `${scenario.name}: span ${span.name} failure`,
            Cause.pretty(span.status.exit.cause, { renderErrorCause: true })
          )
        }
      }

      // What went on the wire did carry the credentials (so the greps above could have found them).
      if (scenario.tag !== "InvalidRequest") {
        expect(sent.length).toBeGreaterThan(0)
        expect(sent[0]?.headers["authorization"]).toBe(`Basic ${basicCredentials}`)
        expect(sent[0]?.form).toContainEqual(["SipAuthPassword", sipPassword])
      } else {
        expect(sent).toStrictEqual([])
      }
    }))

  it.effect("the retries were logged (so the log check saw the retry lines)", () =>
    Effect.gen(function*() {
      const { logs } = yield* run(scenarios.find((scenario) => scenario.name === "429 (retried)")!)
      expect(logs.filter((entry) => entry.level === "DEBUG" && entry.message.includes("retrying"))).toHaveLength(3)
    }))

  it.effect("errors built by hand with the request keep the password Redacted in it, and out of every rendering", () =>
    Effect.gen(function*() {
      const request = yield* CreateCallRequest.decode(sipInput)
      const errors = [
        new CreateCallError.ServerError({ status: 500, detail: "Internal error", errors: [], request, sentAt: new Date(0), attempts: 1 }),
        new CreateCallError.OutcomeUnknown({ reason: "Timeout", detail: "no answer", request, sentAt: new Date(0), attempts: 2 })
      ]
      for (const error of errors) {
        assert.isTrue(Redacted.isRedacted(error.request.sipAuthPassword))
        expect(Redacted.value(error.request.sipAuthPassword!)).toBe(sipPassword)
        for (const [how, text] of Object.entries(renderings(error))) expectNoSecret(`${error._tag} ${how}`, text)
      }
    }))

  it.effect("encoding an error with the CreateCallError schema (to ship it as JSON) keeps the password Redacted", () =>
    Effect.gen(function*() {
      const request = yield* CreateCallRequest.decode(sipInput)
      const errors = [
        new CreateCallError.ServerError({ status: 503, detail: "Unavailable", errors: [], request, sentAt: new Date(0), attempts: 1 }),
        new CreateCallError.OutcomeUnknown({ reason: "ConnectionLost", detail: "reset", request, sentAt: new Date(0), attempts: 1 })
      ]
      for (const error of errors) {
        const encoded = yield* Schema.encode(CreateCallError.CreateCallError)(error)
        expectNoSecret(`encoded ${error._tag}`, JSON.stringify(encoded))
        const decoded = yield* Schema.decodeUnknown(CreateCallError.CreateCallError)(encoded)
        assert.strictEqual(decoded._tag, error._tag)
      }
    }))

  describe("the createCall span", () => {
    it.effect("is named SignalWireClient.createCall, annotated with the call sid on success, the HTTP span under it", () =>
      Effect.gen(function*() {
        const { exit, spans } = yield* run(scenarios[0]!)
        assert.isTrue(Exit.isSuccess(exit))
        const span = spans.find((s) => s.name === "SignalWireClient.createCall")
        assert.isDefined(span)
        expect(span.attributes.get("signalwire.call.sid")).toBe("82e7850d-054e-4067-8c4f-6568acd96575")
        expect(span.attributes.get("signalwire.attempts")).toBe(1)
        expect(span.status._tag).toBe("Ended")
        const parent = Option.getOrUndefined(span.parent)
        expect(parent?._tag === "Span" ? parent.name : undefined).toBe("the user's span")
        const http = spans.filter((s) => s.kind === "client")
        expect(http).toHaveLength(1)
        expect(Option.getOrUndefined(http[0]!.parent)?.spanId).toBe(span.spanId)
      }))

    it.effect("on failure it ends with the error and carries no sid", () =>
      Effect.gen(function*() {
        const { spans } = yield* run(scenarios.find((scenario) => scenario.name === "500")!)
        const span = spans.find((s) => s.name === "SignalWireClient.createCall")
        assert.isDefined(span)
        expect(span.attributes.has("signalwire.call.sid")).toBe(false)
        assert.isTrue(span.status._tag === "Ended" && Exit.isFailure(span.status.exit))
      }))
  })
})
