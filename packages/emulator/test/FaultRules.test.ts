/**
 * `FaultRules` on its own: which faults a request takes, in what order, and how rules are used up.
 */
import { describe, expect, it } from "@effect/vitest"
import { Fault, FaultRules } from "@effect-signalwire/emulator"
import * as Effect from "effect/Effect"
import * as fc from "effect/FastCheck"
import { otherProjectId, projectId } from "./utils.js"

const request = (operation: Fault.Operation, accountSid = projectId) => ({ operation, accountSid })

describe("FaultRules", () => {
  it.effect("applies each matching rule, in order, as many times as it says", () =>
    Effect.gen(function*() {
      const faults = yield* FaultRules.make([{ fault: Fault.delay("1 second"), operation: "createCall", times: 1 }])
      yield* faults.add({ fault: Fault.rateLimited("2 seconds"), operation: "createCall", times: 2 })
      yield* faults.add({ fault: Fault.serverError(503), projectId: otherProjectId })
      expect(yield* faults.take(request("createCall"))).toStrictEqual([
        { _tag: "Delay", millis: 1000 },
        { _tag: "RateLimited", retryAfterSeconds: 2 }
      ])
      expect(yield* faults.rules).toStrictEqual([
        { fault: { _tag: "RateLimited", retryAfterSeconds: 2 }, operation: "createCall", times: 1 },
        { fault: { _tag: "ServerError", status: 503 }, projectId: otherProjectId }
      ])
      expect(yield* faults.take(request("createCall"))).toStrictEqual([{ _tag: "RateLimited", retryAfterSeconds: 2 }])
      expect(yield* faults.take(request("createCall"))).toStrictEqual([])
      expect(yield* faults.take(request("listCalls", otherProjectId))).toStrictEqual([{ _tag: "ServerError", status: 503 }])
      yield* faults.clear
      expect(yield* faults.take(request("listCalls", otherProjectId))).toStrictEqual([])
      expect(yield* faults.rules).toStrictEqual([])
    }))

  it.effect("the first rule that answers ends the request: the rules after it are not used up", () =>
    Effect.gen(function*() {
      const faults = yield* FaultRules.make()
      yield* faults.add({ fault: Fault.drop, times: 1 })
      yield* faults.add({ fault: Fault.dropAfterProcessing, times: 1 })
      expect(yield* faults.take(request("fetchCall"))).toStrictEqual([Fault.drop])
      expect(yield* faults.take(request("fetchCall"))).toStrictEqual([Fault.dropAfterProcessing])
      expect(yield* faults.take(request("fetchCall"))).toStrictEqual([])
    }))

  it.effect.prop("a rule with times n applies to exactly the next n matching requests", [fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 30 })], ([times, requests]) =>
    Effect.gen(function*() {
      const faults = yield* FaultRules.make([{ fault: Fault.serverError(), operation: "deleteCall", times }])
      let applied = 0
      for (let i = 0; i < requests; i++) {
        yield* faults.take(request("fetchCall"))
        applied += (yield* faults.take(request("deleteCall"))).length
      }
      expect(applied).toBe(Math.min(times, requests))
    }))

  it.effect("layer provides rules in force from the start", () =>
    Effect.gen(function*() {
      const faults = yield* FaultRules.FaultRules
      expect(yield* faults.rules).toStrictEqual([{ fault: Fault.drop, operation: "createCall" }])
    }).pipe(Effect.provide(FaultRules.layer([{ fault: Fault.drop, operation: "createCall" }]))))
})
