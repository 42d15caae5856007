/**
 * `Fault` on its own: the constructors' values (what the admin API and `FaultRules.add`
 * receive), which requests a rule applies to, and what a rule accepts as plain data.
 */
import { describe, expect, it } from "@effect/vitest"
import { Fault } from "@effect-signalwire/emulator"
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import * as Schema from "effect/Schema"

const decodeRule = Schema.decodeUnknownEither(Fault.FaultRule)
const accountSid = fc.uuid()

describe("Fault", () => {
  describe("constructors", () => {
    it("rateLimited: Retry-After in whole seconds, rounded up (default 1)", () => {
      expect(Fault.rateLimited()).toStrictEqual({ _tag: "RateLimited", retryAfterSeconds: 1 })
      expect(Fault.rateLimited("1500 millis")).toStrictEqual({ _tag: "RateLimited", retryAfterSeconds: 2 })
      expect(Fault.rateLimited("0 millis")).toStrictEqual({ _tag: "RateLimited", retryAfterSeconds: 0 })
    })

    it("serverError: 500 unless told", () => {
      expect(Fault.serverError()).toStrictEqual({ _tag: "ServerError", status: 500 })
      expect(Fault.serverError(503)).toStrictEqual({ _tag: "ServerError", status: 503 })
    })

    it("delay: whole milliseconds", () => {
      expect(Fault.delay("2 seconds")).toStrictEqual({ _tag: "Delay", millis: 2000 })
      expect(Fault.delay(0.4)).toStrictEqual({ _tag: "Delay", millis: 0 })
    })

    it("drop loses the request; dropAfterProcessing loses only the answer", () => {
      expect(Fault.drop).toStrictEqual({ _tag: "Drop", afterProcessing: false })
      expect(Fault.dropAfterProcessing).toStrictEqual({ _tag: "Drop", afterProcessing: true })
    })

    it.prop("every constructed fault is a valid Fault", [fc.nat({ max: 1_000_000 })], ([millis]) => {
      for (const fault of [Fault.rateLimited(millis), Fault.delay(millis), Fault.serverError(502), Fault.drop]) {
        expect(Schema.is(Fault.Fault)(fault)).toBe(true)
      }
    })
  })

  describe("appliesTo", () => {
    it.prop("a rule with no operation and no project applies to every request", [Fault.Operation, accountSid], ([operation, sid]) => {
      expect(Fault.appliesTo({ fault: Fault.drop }, { operation, accountSid: sid })).toBe(true)
    })

    it.prop(
      "an operation and a project each narrow it",
      [Fault.Operation, Fault.Operation, accountSid, accountSid],
      ([ruleOperation, operation, ruleProject, project]) => {
        const rule: Fault.FaultRule = { fault: Fault.serverError(), operation: ruleOperation, projectId: ruleProject }
        expect(Fault.appliesTo(rule, { operation, accountSid: project })).toBe(
          ruleOperation === operation && ruleProject === project
        )
      }
    )
  })

  describe("FaultRule (plain data)", () => {
    it("decodes what POST /__emulator/faults receives", () => {
      expect(decodeRule({ fault: { _tag: "RateLimited", retryAfterSeconds: 3 }, operation: "createCall", times: 2 })).toStrictEqual(
        Either.right({ fault: { _tag: "RateLimited", retryAfterSeconds: 3 }, operation: "createCall", times: 2 })
      )
    })

    it("refuses times that are not a positive integer, an unknown operation, an unknown fault or status", () => {
      expect(Either.isLeft(decodeRule({ fault: Fault.drop, times: 0 }))).toBe(true)
      expect(Either.isLeft(decodeRule({ fault: Fault.drop, times: 1.5 }))).toBe(true)
      expect(Either.isLeft(decodeRule({ fault: Fault.drop, operation: "placeCall" }))).toBe(true)
      expect(Either.isLeft(decodeRule({ fault: { _tag: "Explode" } }))).toBe(true)
      expect(Either.isLeft(decodeRule({ fault: { _tag: "ServerError", status: 501 } }))).toBe(true)
    })

    it.prop("any rule survives a JSON round trip", [Fault.FaultRule], ([rule]) => {
      expect(decodeRule(JSON.parse(JSON.stringify(rule)))).toStrictEqual(Either.right(rule))
    })
  })
})
