/**
 * `RequestLog` on its own: what it records, when (Effect's clock), and how it counts.
 */
import { describe, expect, it } from "@effect/vitest"
import { RequestLog } from "@effect-signalwire/emulator"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { otherProjectId, projectId } from "./utils.js"

const request = (operation: RequestLog.Request["operation"], accountSid = projectId): RequestLog.Request => ({
  operation,
  method: "POST",
  path: "/x",
  accountSid,
  faults: []
})

describe("RequestLog", () => {
  it.effect("counts the requests it recorded, by operation and project, and forgets them", () =>
    Effect.gen(function*() {
      const log = yield* RequestLog.RequestLog
      yield* Effect.forEach(["createCall", "createCall", "fetchCall"] as const, (operation) => log.record(request(operation)))
      yield* log.record(request("createCall", otherProjectId))
      yield* log.record(request(undefined, undefined))
      expect(yield* log.count()).toBe(5)
      expect(yield* log.count({ operation: "createCall" })).toBe(3)
      expect(yield* log.count({ operation: "createCall", accountSid: projectId })).toBe(2)
      expect(yield* log.count({ accountSid: otherProjectId })).toBe(1)
      expect((yield* log.requests)[0]).toMatchObject({ operation: "createCall", method: "POST", path: "/x", faults: [] })
      yield* log.clear
      expect(yield* log.count()).toBe(0)
      expect(yield* log.requests).toStrictEqual([])
    }).pipe(Effect.provide(RequestLog.layer)))

  it.effect("stamps each request with the clock's time, oldest first", () =>
    Effect.gen(function*() {
      const log = yield* RequestLog.make
      yield* TestClock.adjust("5 seconds")
      yield* log.record(request("listCalls"))
      yield* TestClock.adjust("2 seconds")
      yield* log.record(request("fetchCall"))
      expect((yield* log.requests).map((r) => [r.operation, r.receivedAt.getTime()])).toStrictEqual([
        ["listCalls", 5000],
        ["fetchCall", 7000]
      ])
    }))
})
