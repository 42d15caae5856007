/**
 * `createCall` through the public exports, over `FakeHttpClient`: what it sends, what each
 * answer of SignalWire becomes, and how many requests reached the wire.
 */
import { CreateCallError, createCall, RetryPolicy } from "@effect-signalwire/client"
import * as CreateCallModule from "@effect-signalwire/client/CreateCall"
import { Call, CreateCallForm, CreateCallRequest } from "@effect-signalwire/schema"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import { readFileSync } from "node:fs"
import {
  answers,
  authToken,
  callsUrl,
  created,
  createResponseBody,
  createResponseStatus,
  errorBodies,
  examples,
  fakeClient,
  input,
  lost,
  projectId,
  rateLimited,
  refused,
  requestCount,
  requests,
  sipInput,
  sipPassword,
  status,
  cutOffBody,
  withinAMinute
} from "./fixtures.js"

const packageJson = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
const decodeCall = Schema.decodeUnknownSync(Call.Call)
const decodeRequest = Schema.decodeUnknownSync(CreateCallRequest.CreateCallRequest)
const encodeCall = Schema.encodeSync(Call.Call)
// One attempt only: for the tests of how a single answer is read.
const once = { retry: RetryPolicy.none }
const at = Date.parse("2024-05-01T12:00:00Z")

const expectSameCall = (actual: Call.Call, expected: Call.Call) => {
  assert.instanceOf(actual, Call.Call)
  expect(encodeCall(actual)).toStrictEqual(encodeCall(expected))
}

describe("createCall", () => {
  it("is the same function from the barrel and from the deep import", () => {
    expect(CreateCallModule.createCall).toBe(createCall)
  })

  describe("success", () => {
    it.effect("200 with SignalWire's captured create response decodes to the Call", () =>
      Effect.gen(function*() {
        expect(createResponseStatus).toBe(200)
        const call = yield* createCall(input)
        expectSameCall(call, decodeCall(createResponseBody))
        expect(call.sid).toBe("82e7850d-054e-4067-8c4f-6568acd96575")
        expect(call.status).toBe("queued")
        expect(call.dateCreated.toISOString()).toBe("2019-02-03T21:36:05.000Z")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(created(200))))))

    it.effect("201 with the documented example body decodes to the Call", () =>
      Effect.gen(function*() {
        const call = yield* createCall(input)
        expectSameCall(call, decodeCall(examples.call_signalwire))
        expect(call.sid).toBe("b3877c40-da60-4998-90ad-b792e98472ca")
        expect(call.to).toBe("+13105678901")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(created(201, examples.call_signalwire))))))

    it.effect("a Twilio-flavoured body (numeric strings, unknown answered_by) decodes too", () =>
      Effect.gen(function*() {
        const call = yield* createCall(input)
        expect(call.duration).toBe(15)
        expect(call.price).toBe(-0.03)
        expect(call.answeredBy).toBe("machine_end_beep")
      }).pipe(Effect.provide(fakeClient(answers(created(201, examples.call_twilio_flavoured))))))

    it.effect("sends one POST to the project's Calls.json with Basic auth, JSON accept, User-Agent and the form", () =>
      Effect.gen(function*() {
        yield* createCall({ ...input, statusCallbackEvent: ["initiated", "completed"], timeout: 30, record: true })
        const [request, ...others] = yield* requests
        expect(others).toStrictEqual([])
        assert.isDefined(request)
        expect(request.method).toBe("POST")
        expect(request.url).toBe(callsUrl)
        expect(request.url).toBe(
          `https://example.signalwire.com/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`
        )
        expect(request.headers["authorization"]).toBe(
          `Basic ${Buffer.from(`${projectId}:${authToken}`).toString("base64")}`
        )
        expect(request.headers["accept"]).toBe("application/json")
        expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded")
        const userAgent = request.headers["user-agent"]
        assert.isDefined(userAgent)
        expect(userAgent).toContain(packageJson.name)
        expect(userAgent).toContain(`/${packageJson.version}`)
        expect(request.form).toStrictEqual([
          ["To", "+13105678901"],
          ["From", "+13103384645"],
          ["Url", "https://example.com/voice.xml"],
          ["StatusCallbackEvent", "initiated"],
          ["StatusCallbackEvent", "completed"],
          ["Timeout", "30"],
          ["Record", "true"]
        ])
      }).pipe(Effect.provide(fakeClient(answers(created())))))

    it.effect("the form is what the schema encodes, the SIP password included (it must reach SignalWire)", () =>
      Effect.gen(function*() {
        yield* createCall(sipInput)
        const [request] = yield* requests
        expect(request?.form).toStrictEqual(CreateCallForm.toFormParams(decodeRequest(sipInput)))
        expect(request?.form).toContainEqual(["SipAuthPassword", sipPassword])
      }).pipe(Effect.provide(fakeClient(answers(created())))))

    it.effect("an already-decoded request is sent as is", () =>
      Effect.gen(function*() {
        const request = decodeRequest(sipInput)
        assert.isTrue(Redacted.isRedacted(request.sipAuthPassword))
        const call = yield* createCall(request)
        expect(call.sid).toBe("82e7850d-054e-4067-8c4f-6568acd96575")
        const [sent] = yield* requests
        expect(sent?.form).toStrictEqual(CreateCallForm.toFormParams(request))
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(created())))))

    it.effect.prop(
      "for any valid request, decoded or plain, the form sent is toFormParams of it",
      [CreateCallRequest.CreateCallRequest],
      ([request]) =>
        Effect.gen(function*() {
          const expected = CreateCallForm.toFormParams(request)
          yield* createCall(request)
          yield* createCall(Schema.encodeSync(CreateCallRequest.CreateCallRequest)(request))
          const sent = yield* requests
          expect(sent.map((r) => r.form)).toStrictEqual([expected, expected])
        }).pipe(Effect.provide(fakeClient(answers(created())))),
      { fastCheck: { numRuns: 50 } }
    )
  })

  describe("invalid input", () => {
    it.effect("fails with InvalidRequest listing every violation, and sends nothing", () =>
      Effect.gen(function*() {
        const bad: CreateCallRequest.CreateCallRequest.Encoded = {
          to: "+1",
          from: "+13103384645",
          url: "ftp://example.com/voice.xml",
          timeout: 0,
          statusCallbackEvent: []
        }
        const error = yield* Effect.flip(createCall(bad))
        assert.instanceOf(error, CreateCallError.InvalidRequest)
        expect(error._tag).toBe("InvalidRequest")
        const paths = error.violations.map((violation) => violation.path)
        expect(paths).toEqual(expect.arrayContaining([["to"], ["url"], ["timeout"], ["statusCallbackEvent"]]))
        // Exactly what the schema reports, path and message for each.
        const issues = yield* Effect.flip(CreateCallRequest.decode(bad))
        expect(error.violations.map(({ message, path }) => ({ message, path }))).toStrictEqual(
          ParseResult.ArrayFormatter.formatErrorSync(issues).map(({ message, path }) => ({ message, path: [...path] }))
        )
        for (const violation of error.violations) {
          expect(violation.message).not.toBe("")
          expect(error.message).toContain(violation.message)
        }
        expect(yield* requestCount).toBe(0)
      }).pipe(Effect.provide(fakeClient(answers(created())))))

    it.effect("a cross-field rule (two targets, a missing password) is reported with its field", () =>
      Effect.gen(function*() {
        const bad = {
          ...input,
          applicationSid: "b3877c40-da60-4998-90ad-b792e98472aa",
          sipAuthUsername: "alice"
        } as unknown as CreateCallRequest.CreateCallRequest.Encoded
        const error = yield* Effect.flip(createCall(bad))
        assert.instanceOf(error, CreateCallError.InvalidRequest)
        expect(error.violations.map((violation) => violation.path)).toEqual(
          expect.arrayContaining([["applicationSid"], ["sipAuthPassword"]])
        )
        expect(yield* requestCount).toBe(0)
      }).pipe(Effect.provide(fakeClient(answers(created())))))

    it.effect("an unknown key and a non-object are refused, nothing sent", () =>
      Effect.gen(function*() {
        const misspelt = yield* Effect.flip(createCall({ ...input, statusCalback: "https://example.com/s" } as any))
        assert.instanceOf(misspelt, CreateCallError.InvalidRequest)
        expect(misspelt.violations.map((violation) => violation.path)).toContainEqual(["statusCalback"])
        const notAnObject = yield* Effect.flip(createCall("call me" as any))
        assert.instanceOf(notAnObject, CreateCallError.InvalidRequest)
        expect(notAnObject.violations.length).toBeGreaterThan(0)
        expect(yield* requestCount).toBe(0)
      }).pipe(Effect.provide(fakeClient(answers(created())))))
    it.effect("Twilio-style PascalCase keys: one line naming the camelCase ones to use", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(
          createCall({ To: "+13105678901", From: "+13103384645", Url: "https://example.com/voice.xml" } as any)
        )
        expect(error.message).toBe("Invalid Create Call request: parameter names are camelCase: use to, from, url (not To, From, Url)")
        expect(yield* requestCount).toBe(0)
      }).pipe(Effect.provide(fakeClient(answers(created())))))

    it.effect("PascalCase keys next to another mistake: both are reported, the parameter list is not", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(createCall({ To: "+13105678901", from: "+1", url: "https://example.com/voice.xml", colour: "red" } as any))
        expect(error.message).toBe(
          "Invalid Create Call request: parameter names are camelCase: use to (not To); " +
            "colour: is not a Create Call parameter (names are camelCase); " +
            "from: must be an E.164 phone number (+13105678901), a SIP URI (sip:alice@example.com) or a client identifier (client:alice) (got \"+1\")"
        )
      }).pipe(Effect.provide(fakeClient(answers(created())))))
  })

  describe("answers that are errors", () => {
    const singleObject = errorBodies.single_object_shape.body
    const errorsArray = errorBodies.errors_array_shape.body
    const stringArray = errorBodies.errors_string_array_shape.body

    it.effect.each([401, 403])("%i: AuthenticationFailed with SignalWire's code and message", (code) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(createCall(input))
        assert.instanceOf(error, CreateCallError.AuthenticationFailed)
        expect(error).toMatchObject({
          _tag: "AuthenticationFailed",
          status: code,
          code: 20003,
          detail: "Authentication failed",
          moreInfo: "https://signalwire.com/docs/compatibility-api/reference/errors"
        })
        expect(error.errors.map((e) => e.message)).toStrictEqual(["Authentication failed"])
        expect(error.message).toContain(`HTTP ${code}`)
        expect(error.message).toContain("Authentication failed")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(status(code, singleObject))))))

    it.effect("404: NotFound (a space URL that points elsewhere)", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(createCall(input))
        assert.instanceOf(error, CreateCallError.NotFound)
        expect(error).toMatchObject({ _tag: "NotFound", status: 404, code: 20404, detail: "The requested resource was not found" })
        expect(error.message).toContain("check the space URL")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(status(404, {
        code: 20404,
        message: "The requested resource was not found",
        status: 404
      }))))))

    it.effect("404 with an empty body: NotFound describing the status", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(createCall(input))
        assert.instanceOf(error, CreateCallError.NotFound)
        expect(error.status).toBe(404)
        expect(error.code).toBeUndefined()
        expect(error.errors).toStrictEqual([])
        expect(error.detail).toBe("HTTP 404 with an empty body")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(() => new Response(null, { status: 404 }))))))

    describe.each([400, 422])("%i: ApiRejected", (code) => {
      it.effect("shape 1 (code, message, more_info, status)", () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(createCall(input))
          assert.instanceOf(error, CreateCallError.ApiRejected)
          expect(error).toMatchObject({
            _tag: "ApiRejected",
            status: code,
            code: 21205,
            detail: "Url or an ApplicationSid must be included.",
            moreInfo: "https://developer.signalwire.com/compatibility-api/reference/error-codes"
          })
          expect(error.errors).toHaveLength(1)
          expect(error.message).toContain("21205")
          expect(error.message).toContain("Url or an ApplicationSid must be included.")
          expect(yield* requestCount).toBe(1)
        }).pipe(Effect.provide(fakeClient(answers(status(code, { ...examples.error_code_message, status: code }))))))

      it.effect("shape 2 (errors: [{ code, message, more_info }])", () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(createCall(input))
          assert.instanceOf(error, CreateCallError.ApiRejected)
          expect(error).toMatchObject({
            status: code,
            code: 30010,
            detail: "Maxpriceperminute was exceeded. This call's cost is 0.008 per minute.",
            moreInfo: "https://signalwire.com/docs/rest/compatibility-api/error-codes"
          })
          expect(error.errors.map((e) => ({ code: e.code, message: e.message }))).toStrictEqual([
            { code: 30010, message: "Maxpriceperminute was exceeded. This call's cost is 0.008 per minute." }
          ])
          expect(yield* requestCount).toBe(1)
        }).pipe(Effect.provide(fakeClient(answers(status(code, errorsArray))))))

      it.effect("shape 2 with several errors keeps every one", () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(createCall(input))
          assert.instanceOf(error, CreateCallError.ApiRejected)
          expect(error.detail).toBe("first")
          expect(error.errors.map((e) => [e.code, e.message])).toStrictEqual([[21201, "first"], [21202, "second"]])
        }).pipe(Effect.provide(fakeClient(answers(status(code, {
          errors: [{ code: "21201", message: "first" }, { code: 21202, message: "second" }]
        }))))))

      it.effect("shape 3 (errors: [string])", () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(createCall(input))
          assert.instanceOf(error, CreateCallError.ApiRejected)
          expect(error.status).toBe(code)
          expect(error.code).toBeUndefined()
          expect(error.moreInfo).toBeUndefined()
          expect(error.detail).toBe("Validation error message")
          expect(error.errors.map((e) => e.message)).toStrictEqual(["Validation error message"])
          expect(yield* requestCount).toBe(1)
        }).pipe(Effect.provide(fakeClient(answers(status(code, stringArray))))))
    })

    it.effect("another 4xx with a body that is not SignalWire's: ApiRejected with a bounded snippet in detail", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(createCall(input))
        assert.instanceOf(error, CreateCallError.ApiRejected)
        expect(error.status).toBe(409)
        expect(error.errors).toStrictEqual([])
        expect(error.detail).toContain("text/html")
        expect(error.detail).toContain("<html>")
        expect(error.detail.length).toBeLessThan(700)
      }).pipe(Effect.provide(fakeClient(answers(() =>
        new Response(`<html>${"x".repeat(2000)}</html>`, { status: 409, headers: { "content-type": "text/html" } })
      )))))

    describe("429: RateLimited (not retried here, to read one answer)", () => {
      it.effect("Retry-After in seconds becomes retryAfter; the headers are kept", () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(createCall(input, once))
          assert.instanceOf(error, CreateCallError.RateLimited)
          expect(error).toMatchObject({ _tag: "RateLimited", status: 429, code: 20429, detail: "Too Many Requests", attempts: 1 })
          assert.isDefined(error.retryAfter)
          expect(Duration.toMillis(error.retryAfter)).toBe(7_000)
          expect(error.headers["retry-after"]).toBe("7")
          expect(error.message).toBe(
            "SignalWire is rate limiting this project (HTTP 429, code 20429): Too Many Requests; retry after 7 s; 1 attempt(s)"
          )
          expect(yield* requestCount).toBe(1)
        }).pipe(Effect.provide(fakeClient(answers(rateLimited("7"))))))

      it.effect("Retry-After as an HTTP date becomes the time left until then", () =>
        Effect.gen(function*() {
          yield* TestClock.setTime(at)
          const error = yield* Effect.flip(createCall(input, once))
          assert.instanceOf(error, CreateCallError.RateLimited)
          assert.isDefined(error.retryAfter)
          expect(Duration.toMillis(error.retryAfter)).toBe(12_000)
          expect(yield* requestCount).toBe(1)
        }).pipe(Effect.provide(fakeClient(answers(rateLimited(new Date(at + 12_000).toUTCString()))))))

      it.effect("an HTTP date in the past means no wait", () =>
        Effect.gen(function*() {
          yield* TestClock.setTime(at)
          const error = yield* Effect.flip(createCall(input, once))
          assert.instanceOf(error, CreateCallError.RateLimited)
          assert.isDefined(error.retryAfter)
          expect(Duration.toMillis(error.retryAfter)).toBe(0)
        }).pipe(Effect.provide(fakeClient(answers(rateLimited(new Date(at - 60_000).toUTCString()))))))

      it.effect("no Retry-After (or an unreadable one): retryAfter is absent", () =>
        Effect.gen(function*() {
          const absent = yield* Effect.flip(createCall(input, once))
          assert.instanceOf(absent, CreateCallError.RateLimited)
          expect(absent.retryAfter).toBeUndefined()
          expect(absent.message).toContain("no Retry-After")
          const unreadable = yield* Effect.flip(createCall(input, once))
          assert.instanceOf(unreadable, CreateCallError.RateLimited)
          expect(unreadable.retryAfter).toBeUndefined()
          expect(yield* requestCount).toBe(2)
        }).pipe(Effect.provide(fakeClient(answers(rateLimited(), rateLimited("soon"))))))
    })

    it.effect.each([500, 502, 503, 504])("%i: ServerError, not retried, with the request, sentAt and attempts", (code) =>
      Effect.gen(function*() {
        yield* TestClock.setTime(at)
        const error = yield* Effect.flip(createCall(sipInput))
        assert.instanceOf(error, CreateCallError.ServerError)
        expect(error).toMatchObject({ _tag: "ServerError", status: code, code: 20500, detail: "Internal error", attempts: 1 })
        expect(error.sentAt.getTime()).toBe(at)
        expect(error.request).toStrictEqual(decodeRequest(sipInput))
        expect(Redacted.value(error.request.sipAuthPassword!)).toBe(sipPassword)
        expect(error.message).toContain("may have been placed")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(status(code, { code: 20500, message: "Internal error", status: code }))))))

    it.effect("5xx with an HTML page: ServerError describing the body", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(createCall(input))
        assert.instanceOf(error, CreateCallError.ServerError)
        expect(error.status).toBe(502)
        expect(error.code).toBeUndefined()
        expect(error.detail).toContain("Bad Gateway")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(() =>
        new Response("<html><body>502 Bad Gateway</body></html>", { status: 502, headers: { "content-type": "text/html" } })
      )))))
  })

  describe("answers that are not SignalWire's", () => {
    const page = `<!DOCTYPE html><html><body>${"Maintenance. ".repeat(200)}</body></html>`

    it.effect("200 with an HTML page: PlacedButUnreadable with status, content type and a bounded snippet", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(createCall(input))
        assert.instanceOf(error, CreateCallError.PlacedButUnreadable)
        expect(error.sid).toBeUndefined()
        expect(error.status).toBe(200)
        expect(error.contentType).toBe("text/html; charset=utf-8")
        expect(page.startsWith(error.bodySnippet.slice(0, 512))).toBe(true)
        expect(error.bodySnippet.length).toBeLessThanOrEqual(513)
        expect(error.bodySnippet.length).toBeGreaterThanOrEqual(512)
        expect(error.detail).toContain("not JSON")
        expect(error.message).toContain("placed the call (HTTP 200")
        expect(error.message).toContain("findCreatedCalls")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(() =>
        new Response(page, { status: 200, headers: { "content-type": "text/html; charset=utf-8" } })
      )))))

    it.effect("a short body is kept whole in the snippet", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(createCall(input))
        assert.instanceOf(error, CreateCallError.PlacedButUnreadable)
        expect(error.bodySnippet).toBe("OK")
        expect(error.contentType).toBe("text/plain;charset=UTF-8")
      }).pipe(Effect.provide(fakeClient(answers(() => new Response("OK", { status: 200 }))))))

    it.effect("201 with a body missing essential fields: PlacedButUnreadable saying it is not a Call, with the body's sid", () =>
      Effect.gen(function*() {
        const { status: _status, to: _to, ...partial } = createResponseBody
        const error = yield* Effect.flip(createCall(input)).pipe(
          Effect.provide(fakeClient(answers(created(201, partial))))
        )
        assert.instanceOf(error, CreateCallError.PlacedButUnreadable)
        expect(error.sid).toBe(createResponseBody.sid)
        expect(error.request.to).toBe(input.to)
        expect(error.status).toBe(201)
        expect(error.contentType).toBe("application/json")
        expect(error.detail).toContain("not a Call")
        expect(error.detail).toContain("status")
        expect(error.message).toContain(`sid ${createResponseBody.sid}`)
        expect(error.bodySnippet).toBe(JSON.stringify(partial).slice(0, 512) + "…")
      }))

    const text = JSON.stringify({ sid: createResponseBody.sid, ...createResponseBody }).slice(0, 80)
    it.effect("201 with a body cut off after its sid: PlacedButUnreadable with the sid, one request", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(createCall(input))
        assert.instanceOf(error, CreateCallError.PlacedButUnreadable)
        expect(error.sid).toBe(createResponseBody.sid)
        expect(error.detail).toBe("the body is not JSON")
        expect(error.bodySnippet).toBe(text)
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(() => new Response(text, { status: 201 }))))))

    it.effect("201 with an empty JSON object: PlacedButUnreadable without a sid, one request", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(createCall(input))
        assert.instanceOf(error, CreateCallError.PlacedButUnreadable)
        expect(error.sid).toBeUndefined()
        expect(error.bodySnippet).toBe("{}")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(created(201, {}))))))

    describe("bodies at the edges of what the error shows", () => {
      it.effect("a body of exactly 512 characters is kept whole; one more is cut with an ellipsis", () =>
        Effect.gen(function*() {
          const whole = yield* Effect.flip(createCall(input)).pipe(
            Effect.provide(fakeClient(answers(() => new Response("x".repeat(512), { status: 200 }))))
          )
          assert.instanceOf(whole, CreateCallError.PlacedButUnreadable)
          expect(whole.bodySnippet).toBe("x".repeat(512))
          const cut = yield* Effect.flip(createCall(input)).pipe(
            Effect.provide(fakeClient(answers(() => new Response("x".repeat(513), { status: 200 }))))
          )
          assert.instanceOf(cut, CreateCallError.PlacedButUnreadable)
          expect(cut.bodySnippet).toBe(`${"x".repeat(512)}…`)
        }))

      it.effect("201 with an empty body: the detail says it is empty, not that it is no JSON", () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(createCall(input))
          assert.instanceOf(error, CreateCallError.PlacedButUnreadable)
          expect(error.detail).toBe("the body is empty")
        }).pipe(Effect.provide(fakeClient(answers(() => new Response(" \n", { status: 201 }))))))

      const { status: _status, to: _to, ...withoutStatusAndTo } = createResponseBody
      it.effect("201 with a body missing two fields: the detail names both", () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(createCall(input))
          assert.instanceOf(error, CreateCallError.PlacedButUnreadable)
          expect(error.detail).toContain(`["status"]`)
          expect(error.detail).toContain(`["to"]`)
        }).pipe(Effect.provide(fakeClient(answers(created(201, withoutStatusAndTo))))))

      it.effect("a 500 whose body is only white space: 'an empty body'", () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(createCall(input, once))
          assert.instanceOf(error, CreateCallError.ServerError)
          expect(error.detail).toBe("HTTP 500 with an empty body")
        }).pipe(Effect.provide(fakeClient(answers(() => new Response(" \r\n", { status: 500 }))))))

      it.effect("a 409 whose body is not SignalWire's and has no content type: the detail says so", () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(createCall(input))
          assert.instanceOf(error, CreateCallError.ApiRejected)
          expect(error.detail).toBe("HTTP 409 with a body that is not a SignalWire error (no content type): conflict")
        }).pipe(Effect.provide(fakeClient(answers(() =>
          // Bytes rather than a string: a string body would get a text/plain content type.
          new Response(new TextEncoder().encode("conflict"), { status: 409 })
        )))))
    })

    it.effect("300 (the first status past the 2xx): UnexpectedResponse, not PlacedButUnreadable", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(createCall(input))
        assert.instanceOf(error, CreateCallError.UnexpectedResponse)
        expect(error.status).toBe(300)
      }).pipe(Effect.provide(fakeClient(answers(() => new Response("choose", { status: 300 }))))))

    it.effect.each([301, 302, 307])("%i redirect: UnexpectedResponse, not followed", (code) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(createCall(input))
        assert.instanceOf(error, CreateCallError.UnexpectedResponse)
        expect(error.status).toBe(code)
        expect(error.detail).toContain(`HTTP ${code}`)
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(() =>
        new Response(null, { status: code, headers: { location: "https://example.com/elsewhere" } })
      )))))
  })

  describe("transport", () => {
    it.effect("connection refused: retried by default, then TransportError (1 + 3 requests)", () =>
      Effect.gen(function*() {
        const error = yield* withinAMinute(Effect.flip(createCall(input)))
        assert.instanceOf(error, CreateCallError.TransportError)
        expect(error).toMatchObject({ _tag: "TransportError", reason: "Connect", code: "ECONNREFUSED", attempts: 4 })
        expect(error.detail).toContain("ECONNREFUSED")
        expect(error.message).toContain("not sent")
        expect(yield* requestCount).toBe(4)
      }).pipe(Effect.provide(fakeClient(answers(refused)))))

    it.effect("connection refused once, then 201: the call, 2 requests", () =>
      Effect.gen(function*() {
        const call = yield* withinAMinute(createCall(input))
        expect(call.sid).toBe("82e7850d-054e-4067-8c4f-6568acd96575")
        expect(yield* requestCount).toBe(2)
      }).pipe(Effect.provide(fakeClient(answers(refused, created())))))

    it.effect("connection lost after sending: OutcomeUnknown ConnectionLost, 1 request, never retried", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(at)
        const error = yield* withinAMinute(Effect.flip(createCall(input)))
        assert.instanceOf(error, CreateCallError.OutcomeUnknown)
        expect(error).toMatchObject({ _tag: "OutcomeUnknown", reason: "ConnectionLost", attempts: 1 })
        expect(error.detail).toContain("ECONNRESET")
        expect(error.sentAt.getTime()).toBe(at)
        expect(error.request).toStrictEqual(decodeRequest(input))
        expect(error.message).toContain("may have been placed")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(lost, created())))))

    it.effect("a 2xx whose body is cut off: OutcomeUnknown ConnectionLost (the call may exist), 1 request", () =>
      Effect.gen(function*() {
        const error = yield* withinAMinute(Effect.flip(createCall(input)))
        assert.instanceOf(error, CreateCallError.OutcomeUnknown)
        expect(error.reason).toBe("ConnectionLost")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(fakeClient(answers(cutOffBody, created())))))
  })
})
