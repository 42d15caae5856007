/**
 * The engine (`Emulator`) on decoded values: a project's id, a call sid, the schema's
 * `CreateCallRequest` and `UpdateCallRequest`, a list filter; failing with domain errors, no
 * credentials, HTTP statuses or error bodies. (The HTTP answers are in CallsApi.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { EmulatorError } from "@effect-signalwire/emulator"
import { CreateCallRequest, UpdateCallRequest } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { makeEmulator, otherProject, project } from "./utils.js"

const decoded = (input: CreateCallRequest.CreateCallRequest.Encoded) => Effect.orDie(CreateCallRequest.decode(input))

const minimal = { to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" } as const

describe("Emulator (the engine)", () => {
  it.scoped("creates a call for a project from a decoded request and fetches it by sid", () =>
    Effect.gen(function*() {
      const { emulator } = yield* makeEmulator()
      const call = yield* emulator.createCall(project, yield* decoded(minimal))
      expect(call).toMatchObject({ accountSid: project, status: "queued", to: minimal.to, from: minimal.from })
      expect(yield* emulator.fetchCall(project, call.sid)).toStrictEqual(call)
      expect(yield* emulator.calls).toStrictEqual([call])
    }))

  it.scoped("fails with CallNotFound for an unknown sid and for another project's call", () =>
    Effect.gen(function*() {
      const { emulator } = yield* makeEmulator()
      const call = yield* emulator.createCall(project, yield* decoded(minimal))
      expect(yield* Effect.flip(emulator.fetchCall(project, "CA-unknown"))).toStrictEqual(
        new EmulatorError.CallNotFound({ projectId: project, callSid: "CA-unknown" })
      )
      expect(yield* Effect.flip(emulator.fetchCall(otherProject, call.sid))).toStrictEqual(
        new EmulatorError.CallNotFound({ projectId: otherProject, callSid: call.sid })
      )
      expect(yield* Effect.flip(emulator.updateCall(otherProject, call.sid, { status: "completed" }))).toBeInstanceOf(EmulatorError.CallNotFound)
      expect(yield* Effect.flip(emulator.deleteCall(otherProject, call.sid))).toBeInstanceOf(EmulatorError.CallNotFound)
      expect(yield* emulator.listCalls(otherProject)).toStrictEqual([])
    }))

  it.scoped("lists a project's calls newest first, by equality and time filters", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-05-01T12:00:00Z"))
      const { emulator } = yield* makeEmulator({ timings: { queued: "1 hour" } })
      const first = yield* emulator.createCall(project, yield* decoded(minimal))
      yield* TestClock.adjust("1 second")
      const second = yield* emulator.createCall(project, yield* decoded({ ...minimal, to: "+13105550001" }))
      yield* emulator.createCall(otherProject, yield* decoded(minimal))
      expect((yield* emulator.listCalls(project)).map((call) => call.sid)).toStrictEqual([second.sid, first.sid])
      expect((yield* emulator.listCalls(project, { equal: [["to", minimal.to]] })).map((call) => call.sid)).toStrictEqual([first.sid])
      // Not started yet: no call matches a start-time filter.
      const day = { comparison: "=", first: new Date("2024-05-01T00:00:00Z"), last: new Date("2024-05-01T23:59:59.999Z") } as const
      expect(yield* emulator.listCalls(project, { startTime: [day] })).toStrictEqual([])
    }))

  it.scoped("redirecting an ended call or deleting a live one fails with CallNotInState; hanging up ends it", () =>
    Effect.gen(function*() {
      const { emulator } = yield* makeEmulator()
      const call = yield* emulator.createCall(project, yield* decoded(minimal))
      expect(yield* Effect.flip(emulator.deleteCall(project, call.sid))).toStrictEqual(
        new EmulatorError.CallNotInState({ callSid: call.sid, status: "queued", operation: "delete" })
      )
      expect((yield* emulator.updateCall(project, call.sid, { status: "canceled" })).status).toBe("canceled")
      const redirect = yield* Effect.flip(emulator.updateCall(project, call.sid, yield* Effect.orDie(UpdateCallRequest.decode({ url: "https://example.com/next.xml" }))))
      expect(redirect).toStrictEqual(new EmulatorError.CallNotInState({ callSid: call.sid, status: "canceled", operation: "redirect" }))
      expect(redirect.message).toBe(`Call ${call.sid} is canceled: it cannot be redirected`)
      yield* emulator.deleteCall(project, call.sid)
      expect(yield* emulator.calls).toStrictEqual([])
    }))

  it.scoped("fails with PriceExceeded when the price per minute is above the request's maximum, placing no call", () =>
    Effect.gen(function*() {
      const { emulator } = yield* makeEmulator({ pricePerMinute: 0.01 })
      const error = yield* Effect.flip(emulator.createCall(project, yield* decoded({ ...minimal, maxPricePerMinute: 0.009 })))
      expect(error).toStrictEqual(new EmulatorError.PriceExceeded({ pricePerMinute: 0.01, maxPricePerMinute: 0.009 }))
      expect(yield* emulator.calls).toStrictEqual([])
      expect((yield* emulator.createCall(project, yield* decoded({ ...minimal, maxPricePerMinute: 0.01 }))).status).toBe("queued")
    }))

  it.scoped("admitCall takes the project's slots under callsPerSecond and fails with RateLimited beyond them", () =>
    Effect.gen(function*() {
      const { emulator } = yield* makeEmulator({ callsPerSecond: 1 })
      yield* emulator.admitCall(project)
      expect(yield* Effect.flip(emulator.admitCall(project))).toStrictEqual(
        new EmulatorError.RateLimited({ projectId: project, retryAfterSeconds: 1 })
      )
      // Another project has its own slots; a slot frees a second after it was taken.
      yield* emulator.admitCall(otherProject)
      yield* TestClock.adjust("1001 millis")
      yield* emulator.admitCall(project)
      // No limit configured: always admitted.
      const { emulator: unlimited } = yield* makeEmulator()
      yield* Effect.repeatN(unlimited.admitCall(project), 20)
    }))

  it.scoped.prop(
    "creates a queued call for any valid request, never a defect",
    [CreateCallRequest.CreateCallRequest],
    ([request]) =>
      Effect.gen(function*() {
        const { emulator } = yield* makeEmulator({ pricePerMinute: 0 })
        const call = yield* emulator.createCall(project, request)
        expect(call.status).toBe("queued")
        expect(call.to).toBe(request.to)
      }),
    { fastCheck: { numRuns: 30 } }
  )
})
