import { describe, expect, it } from "@effect/vitest"
import { UpdateCallRequest } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { issuesOf } from "./utils.js"

const decode = Schema.decodeUnknownSync(UpdateCallRequest.UpdateCallRequest)

describe("UpdateCallRequest", () => {
  it("accepts every documented parameter", () => {
    const input = {
      url: "https://example.com/next.xml",
      method: "GET",
      status: "completed",
      fallbackUrl: "https://example.com/fallback",
      fallbackMethod: "POST",
      statusCallback: "https://example.com/status",
      statusCallbackMethod: "GET"
    }
    expect(decode(input)).toStrictEqual(input)
  })

  it("redirects with url or twiml, not both", () => {
    expect(decode({ twiml: "<Response><Hangup/></Response>" })).toStrictEqual({ twiml: "<Response><Hangup/></Response>" })
    expect(issuesOf(UpdateCallRequest.UpdateCallRequest, { url: "https://example.com/a.xml", twiml: "<Response/>" })).toStrictEqual([
      { path: ["twiml"], message: "must be absent when url is given: redirect with url or twiml, not both (got \"<Response/>\")" }
    ])
    expect(UpdateCallRequest.toFormParams(decode({ twiml: "<Response/>", status: "completed" }))).toStrictEqual([
      ["Twiml", "<Response/>"],
      ["Status", "completed"]
    ])
  })

  it("accepts an empty update", () => {
    expect(decode({})).toStrictEqual({})
  })

  it("states the rule of each bad value, by field", () => {
    expect(issuesOf(UpdateCallRequest.UpdateCallRequest, { status: "in-progress", url: "ftp://x", method: "PUT" })).toStrictEqual([
      { path: ["url"], message: "must be an absolute http: or https: URL (e.g. https://example.com/voice.xml) (got \"ftp://x\")" },
      { path: ["method"], message: "must be one of \"GET\", \"POST\" (got \"PUT\")" },
      { path: ["status"], message: "must be one of \"canceled\", \"completed\" (got \"in-progress\")" }
    ])
  })

  it("rejects unknown keys through decode", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(UpdateCallRequest.decode({ status: "completed", statsu: "x" }))
      expect(error.message).toContain("statsu")
    }).pipe(Effect.runSync))

  describe("form", () => {
    it("writes PascalCase fields in the reference's order", () => {
      const request = decode({ statusCallback: "https://example.com/s", status: "canceled", url: "https://example.com/u" })
      expect(UpdateCallRequest.toFormParams(request)).toStrictEqual([
        ["Url", "https://example.com/u"],
        ["Status", "canceled"],
        ["StatusCallback", "https://example.com/s"]
      ])
    })

    it("reads fields back, the last of a repeated one, ignoring unknown ones", () =>
      Effect.gen(function*() {
        const request = yield* UpdateCallRequest.fromFormParams([
          ["Status", "canceled"],
          ["Status", "completed"],
          ["Record", "true"],
          ["Method", "GET"]
        ])
        expect(request).toStrictEqual({ status: "completed", method: "GET" })
      }).pipe(Effect.runSync))

    it("reports bad form values by camelCase field", () => {
      expect(issuesOf(UpdateCallRequest.UpdateCallForm, [["Status", "busy"]])).toStrictEqual([
        { path: ["status"], message: "must be one of \"canceled\", \"completed\" (got \"busy\")" }
      ])
    })

    it.prop("fromFormParams(toFormParams(x)) = x", [UpdateCallRequest.UpdateCallRequest], ([request]) =>
      Effect.gen(function*() {
        expect(yield* UpdateCallRequest.fromFormParams(UpdateCallRequest.toFormParams(request))).toStrictEqual(request)
      }).pipe(Effect.runSync))
  })
})
