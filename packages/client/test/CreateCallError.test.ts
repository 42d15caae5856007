/**
 * The errors of `createCall`: each constructible in users' tests, failing an Effect as itself,
 * with a message that says what happened; the `CreateCallError` union schema decodes and
 * encodes every one of them.
 */
import { CreateCallError } from "@effect-signalwire/client"
import * as CreateCallErrorModule from "@effect-signalwire/client/CreateCallError"
import { ApiErrorBody, CreateCallRequest } from "@effect-signalwire/schema"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import { input, sipInput, sipPassword } from "./fixtures.js"

const request = Schema.decodeUnknownSync(CreateCallRequest.CreateCallRequest)(sipInput)
const sentAt = new Date("2024-05-01T12:00:00.000Z")
const detailOf = (message: string, code?: number) =>
  new ApiErrorBody.ApiErrorDetail({ message, ...(code === undefined ? {} : { code }) })

// One of each, with every field a caller reads.
const errors = {
  InvalidRequest: new CreateCallError.InvalidRequest({
    violations: [
      new CreateCallError.Violation({ path: ["to"], message: "must be an E.164 number" }),
      new CreateCallError.Violation({ path: ["statusCallbackEvent", 1], message: "must be one of initiated, ringing" }),
      new CreateCallError.Violation({ path: [], message: "give exactly one of url, applicationSid or twiml" })
    ]
  }),
  TransportError: new CreateCallError.TransportError({
    reason: "Connect",
    code: "ECONNREFUSED",
    detail: "connect ECONNREFUSED 10.0.0.1:443",
    attempts: 4
  }),
  AuthenticationFailed: new CreateCallError.AuthenticationFailed({
    status: 401,
    code: 20003,
    detail: "Authentication failed",
    moreInfo: "https://signalwire.com/docs/compatibility-api/reference/errors",
    errors: [detailOf("Authentication failed", 20003)]
  }),
  NotFound: new CreateCallError.NotFound({ status: 404, code: 20404, detail: "The requested resource was not found", errors: [] }),
  ApiRejected: new CreateCallError.ApiRejected({
    status: 400,
    code: 21205,
    detail: "Url or an ApplicationSid must be included.",
    errors: [detailOf("Url or an ApplicationSid must be included.", 21205)]
  }),
  RateLimited: new CreateCallError.RateLimited({
    status: 429,
    code: 20429,
    detail: "Too Many Requests",
    errors: [],
    retryAfter: Duration.seconds(5),
    headers: { "retry-after": "5" },
    attempts: 4
  }),
  ServerError: new CreateCallError.ServerError({
    status: 503,
    detail: "Service Unavailable",
    errors: [],
    request,
    sentAt,
    attempts: 1
  }),
  OutcomeUnknown: new CreateCallError.OutcomeUnknown({
    reason: "Timeout",
    detail: "no answer within 15s",
    request,
    sentAt,
    attempts: 2
  }),
  PlacedButUnreadable: new CreateCallError.PlacedButUnreadable({
    status: 201,
    sid: "b3877c40-da60-4998-90ad-b792e98472ca",
    contentType: "application/json",
    bodySnippet: "{\"sid\":\"b3877c40-da60-4998-90ad-b792e98472ca\",\"status\":",
    detail: "the body is not JSON",
    request,
    sentAt,
    attempts: 1
  }),
  UnexpectedResponse: new CreateCallError.UnexpectedResponse({
    status: 302,
    contentType: "text/html",
    bodySnippet: "<html>Moved</html>",
    detail: "a redirect"
  })
} satisfies { readonly [Tag in CreateCallError.CreateCallError["_tag"]]: Extract<CreateCallError.CreateCallError, { _tag: Tag }> }

const encode = Schema.encodeSync(CreateCallError.CreateCallError)
const decode = Schema.decodeUnknownSync(CreateCallError.CreateCallError)

describe("CreateCallError", () => {
  it("is the same module from the barrel and from the deep import", () => {
    expect(CreateCallErrorModule.CreateCallError).toBe(CreateCallError.CreateCallError)
  })

  it("the union schema holds the ten errors, in order (its type: Types.test-d.ts)", () => {
    expect(CreateCallError.CreateCallError.members.map((member) => member._tag)).toStrictEqual(Object.keys(errors))
  })

  describe("constructible in tests", () => {
    it.each(Object.entries(errors))("%s: its tag, an Error, and Schema.is recognises it", (tag, error) => {
      expect(error._tag).toBe(tag)
      assert.instanceOf(error, Error)
      expect(Schema.is(CreateCallError.CreateCallError)(error)).toBe(true)
      expect(error.message.length).toBeGreaterThan(20)
      expect(String(error)).toContain(error.message)
    })

    it.effect.each(Object.values(errors))("$_tag fails an Effect as itself and is caught by its tag", (error) =>
      Effect.gen(function*() {
        const failed = yield* Effect.flip(Effect.gen(function*() {
          return yield* error
        }))
        expect(failed).toBe(error)
        const caught = yield* Effect.fail(error as CreateCallError.CreateCallError).pipe(
          Effect.catchTag(error._tag, (e) => Effect.succeed(`caught ${e._tag}`))
        )
        expect(caught).toBe(`caught ${error._tag}`)
      }))

    it("the constructors check their fields", () => {
      expect(() => new CreateCallError.InvalidRequest({ violations: [] as any })).toThrow()
      expect(() => new CreateCallError.TransportError({ reason: "Dns" as any, detail: "x", attempts: 1 })).toThrow()
      expect(() => new CreateCallError.OutcomeUnknown({ reason: "Reset" as any, detail: "x", request, sentAt, attempts: 1 }))
        .toThrow()
      expect(() => new CreateCallError.NotFound({ status: 404.5, detail: "x", errors: [] })).toThrow()
      expect(() => new CreateCallError.ServerError({ status: 500, detail: "x", errors: [], request: { ...input, to: "+1" } as any, sentAt, attempts: 1 }))
        .toThrow()
    })
  })

  describe("messages", () => {
    it("InvalidRequest lists every violation with its path", () => {
      expect(errors.InvalidRequest.message).toBe(
        "Invalid Create Call request: to: must be an E.164 number; statusCallbackEvent.1: must be one of initiated, ringing; " +
          "give exactly one of url, applicationSid or twiml"
      )
    })

    it("TransportError says nothing was sent, why, the code and the attempts", () => {
      const message = errors.TransportError.message
      expect(message).toContain("not sent")
      expect(message).toContain("Connect")
      expect(message).toContain("ECONNREFUSED")
      expect(message).toContain("connect ECONNREFUSED 10.0.0.1:443")
      expect(message).toContain("4 attempt")
      expect(new CreateCallError.TransportError({ reason: "InvalidUrl", detail: "bad URL", attempts: 1 }).message)
        .toBe("The request to SignalWire was not sent (InvalidUrl): bad URL; 1 attempt(s)")
    })

    it.each([
      ["AuthenticationFailed", "credentials", "HTTP 401, code 20003", "Authentication failed"],
      ["NotFound", "space URL", "HTTP 404, code 20404", "The requested resource was not found"],
      ["ApiRejected", "rejected", "HTTP 400, code 21205", "Url or an ApplicationSid must be included."],
      ["RateLimited", "rate limiting", "HTTP 429, code 20429", "Too Many Requests"],
      ["ServerError", "failed", "HTTP 503", "Service Unavailable"]
    ] as const)("%s says what happened, the status, SignalWire's code and explanation", (tag, what, status, detail) => {
      const message = errors[tag].message
      expect(message).toContain(what)
      expect(message).toContain(status)
      expect(message).toContain(detail)
    })

    it("an API error without a code leaves it out", () => {
      expect(new CreateCallError.ApiRejected({ status: 422, detail: "Validation error message", errors: [] }).message).toBe(
        "SignalWire rejected the request (HTTP 422): Validation error message"
      )
    })

    it("RateLimited says when to retry (or that it was not said) and after how many attempts", () => {
      expect(errors.RateLimited.message).toBe(
        "SignalWire is rate limiting this project (HTTP 429, code 20429): Too Many Requests; retry after 5 s; 4 attempt(s)"
      )
      expect(new CreateCallError.RateLimited({ ...errors.RateLimited, retryAfter: Duration.millis(1500) }).message).toContain("retry after 1.5 s;")
      const { retryAfter: _, ...withoutRetryAfter } = errors.RateLimited
      expect(new CreateCallError.RateLimited({ ...withoutRetryAfter }).message).toContain("no Retry-After")
    })

    it("ServerError and OutcomeUnknown say the call may have been placed; OutcomeUnknown says since when", () => {
      expect(errors.ServerError.message).toContain("may have been placed")
      const message = errors.OutcomeUnknown.message
      expect(message).toContain("may have been placed")
      expect(message).toContain("Timeout")
      expect(message).toContain("no answer within 15s")
      expect(message).toContain("2 attempt")
      expect(message).toContain(sentAt.toISOString())
    })

    it("PlacedButUnreadable says the call was placed, with the status and sid, and points to reconciliation", () => {
      expect(errors.PlacedButUnreadable.message).toBe(
        "SignalWire placed the call (HTTP 201, sid b3877c40-da60-4998-90ad-b792e98472ca) but its answer could not be read: " +
          "the body is not JSON. Do not send the request again; reconcile with findCreatedCalls(error) or fetch the call by its sid"
      )
      const withoutSid = new CreateCallError.PlacedButUnreadable({ status: 200, bodySnippet: "<html>", detail: "the body is not JSON", request, sentAt, attempts: 1 })
      expect(withoutSid.message).toBe(
        "SignalWire placed the call (HTTP 200, sid not readable) but its answer could not be read: " +
          "the body is not JSON. Do not send the request again; reconcile with findCreatedCalls(error)"
      )
    })

    it("UnexpectedResponse gives the status, the content type (or its absence) and why", () => {
      expect(errors.UnexpectedResponse.message).toBe(
        "Unexpected answer from SignalWire (HTTP 302, text/html): a redirect"
      )
      expect(new CreateCallError.UnexpectedResponse({ status: 302, bodySnippet: "", detail: "a redirect" }).message).toBe(
        "Unexpected answer from SignalWire (HTTP 302, no content type): a redirect"
      )
    })
  })

  describe("the union schema", () => {
    it.each(Object.values(errors))("$_tag: decode(encode(error)) gives the same error back", (error) => {
      const encoded = encode(error)
      expect(encoded._tag).toBe(error._tag)
      const decoded = decode(encoded)
      assert.instanceOf(decoded, error.constructor as new(...args: Array<any>) => unknown)
      expect(decoded._tag).toBe(error._tag)
      expect(encode(decoded)).toStrictEqual(encoded)
      expect(decoded.message).toBe(error.message)
    })

    it("the request inside an error decodes with its password Redacted", () => {
      const decoded = decode(encode(errors.ServerError))
      assert.instanceOf(decoded, CreateCallError.ServerError)
      assert.isTrue(Redacted.isRedacted(decoded.request.sipAuthPassword))
      expect(Redacted.value(decoded.request.sipAuthPassword!)).toBe(sipPassword)
      expect(decoded.sentAt.getTime()).toBe(sentAt.getTime())
    })

    it("decodes a plain object with a known tag, refuses an unknown tag", () => {
      const decoded = decode({ _tag: "NotFound", status: 404, detail: "gone", errors: [] })
      assert.instanceOf(decoded, CreateCallError.NotFound)
      expect(() => decode({ _tag: "Teapot", status: 418 })).toThrow()
      expect(Schema.is(CreateCallError.CreateCallError)({ _tag: "NotFound" })).toBe(false)
    })

    it.prop("any error decodes back from its encoding, with the same message", [CreateCallError.CreateCallError], ([error]) => {
      const decoded = decode(encode(error))
      expect(decoded._tag).toBe(error._tag)
      expect(encode(decoded)).toStrictEqual(encode(error))
      expect(decoded.message).toBe(error.message)
      expect(decoded.message).not.toBe("")
    }, { fastCheck: { numRuns: 50 } })
  })

  describe("identity", () => {
    it.each(Object.values(errors))("$_tag has a namespaced schema identifier, the module's TypeId and its short _tag", (error) => {
      // A class schema is a transformation from its fields to the class: the identifier is on the class side.
      const ast = (error.constructor as unknown as Schema.Schema.Any).ast
      expect(SchemaAST.getIdentifierAnnotation(SchemaAST.isTransformation(ast) ? ast.to : ast)).toStrictEqual(
        Option.some(`@effect-signalwire/client/CreateCallError/${error._tag}`)
      )
      expect(error[CreateCallError.TypeId]).toBe(CreateCallError.TypeId)
      expect(CreateCallError.TypeId).toBe(Symbol.for("@effect-signalwire/client/CreateCallError"))
      expect(CreateCallError.isCreateCallError(error)).toBe(true)
    })

    it("the guard refuses lookalikes: the same _tag, a plain Error, nothing", () => {
      for (const other of [{ _tag: "NotFound" }, { _tag: "NotFound", status: 404 }, new Error("NotFound"), null, undefined, "NotFound"]) {
        expect(CreateCallError.isCreateCallError(other)).toBe(false)
      }
    })

    it.prop("an error decoded from its encoding keeps its identity", [CreateCallError.CreateCallError], ([error]) => {
      const decoded = Schema.decodeSync(CreateCallError.CreateCallError)(Schema.encodeSync(CreateCallError.CreateCallError)(error))
      expect(CreateCallError.isCreateCallError(decoded)).toBe(true)
      expect(decoded._tag).toBe(error._tag)
    }, { fastCheck: { numRuns: 30 } })
  })
})
