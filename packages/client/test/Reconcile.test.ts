/**
 * Reconciling an ambiguous create against the emulator's drop faults, in-process under the test
 * clock: `findCreatedCalls` lists the calls a failed create may have placed, and `createCall`'s
 * `reconcile` option settles it: the one call placed comes back, never a second one; a resend
 * happens only when opted into, and only when nothing was found.
 */
import { describe, expect, it } from "@effect/vitest"
import { createCall, CreateCallError, findCreatedCalls, reconcile, SignalWireClient } from "@effect-signalwire/client"
import { Emulator, EmulatorClient, Fault, FaultRules, RequestLog, WebhookClient } from "@effect-signalwire/emulator"
import { CreateCallRequest, Sid } from "@effect-signalwire/schema"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { withinAMinute } from "./fixtures.js"

const projectId = "b3877c40-da60-4998-90ad-b792e98472af"
const authToken = "PTreconcile-token"
const request = { to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" } as const

// No call here subscribes to status callbacks: the emulator's own HttpClient is never used.
const noCallbacks = Layer.succeed(WebhookClient.WebhookClient, HttpClient.make(() => Effect.dieMessage("no status callbacks expected")))

/** Our client over the in-process emulator (calls parked in `queued`), and the emulator. */
const onEmulator = Layer.provideMerge(
  SignalWireClient.layer({ projectId, authToken: Redacted.make(authToken), space: "http://emulator.test" }),
  EmulatorClient.layerWithEmulator({ projects: [{ projectId, authToken }], timings: { queued: "1 hour" } }).pipe(
    Layer.provide(noCallbacks)
  )
).pipe(Layer.orDie)

const emulator = Emulator.Emulator
const callCount = Effect.flatMap(emulator, (e) => Effect.map(e.calls, (calls) => calls.length))
const creates = Effect.flatMap(RequestLog.RequestLog, (log) => log.count({ operation: "createCall" }))
const fault = (rule: Fault.FaultRule) => Effect.flatMap(FaultRules.FaultRules, (faults) => faults.add(rule))

/** A call placed through the engine (no HTTP), as another process of the project would. */
const placeDirectly = (to: string) =>
  Effect.flatMap(emulator, (e) =>
    Effect.flatMap(
      Effect.orDie(CreateCallRequest.decode({ to, from: request.from, url: request.url })),
      (decoded) => e.createCall(Sid.ProjectId.make(projectId), decoded)
    ))

describe("findCreatedCalls", () => {
  it.effect("after a create whose answer was lost, finds the call it placed, not older calls or calls to others", () =>
    Effect.gen(function*() {
      yield* placeDirectly(request.to) // two minutes before: outside the 30 s margin
      yield* TestClock.adjust("2 minutes")
      yield* placeDirectly("+13105550000")
      yield* fault({ fault: Fault.dropAfterProcessing, operation: "createCall", times: 1 })
      const error = yield* Effect.flip(createCall(request))
      assert(error._tag === "OutcomeUnknown")
      expect(error.reason).toBe("ConnectionLost")

      const found = yield* findCreatedCalls(error)
      const placed = (yield* Effect.flatMap(emulator, (e) => e.calls))[2]!
      expect(found.map((call) => call.sid)).toStrictEqual([placed.sid])
      // With a margin that reaches back two minutes, the older call is a candidate too.
      expect(yield* findCreatedCalls(error, { margin: "3 minutes" })).toHaveLength(2)
    }).pipe(Effect.provide(onEmulator)))

  it.effect("after a create that was never processed, finds nothing", () =>
    Effect.gen(function*() {
      yield* fault({ fault: Fault.drop, operation: "createCall", times: 1 })
      const error = yield* Effect.flip(createCall(request))
      assert(error._tag === "OutcomeUnknown")
      expect(yield* findCreatedCalls(error)).toStrictEqual([])
    }).pipe(Effect.provide(onEmulator)))
})

describe("createCall with reconcile", () => {
  it.effect("dropped after processing: gives back the one call placed, sent once, never two calls", () =>
    Effect.gen(function*() {
      yield* fault({ fault: Fault.dropAfterProcessing, operation: "createCall", times: 1 })
      const call = yield* withinAMinute(createCall(request, { reconcile: reconcile({ resendIfNone: true }) }))
      const [placed] = yield* Effect.flatMap(emulator, (e) => e.calls)
      expect(call.sid).toBe(placed!.sid)
      expect(yield* callCount).toBe(1)
      expect(yield* creates).toBe(1)
    }).pipe(Effect.provide(onEmulator)))

  it.effect("dropped before processing, with resendIfNone: sends again after the grace period, exactly one call", () =>
    Effect.gen(function*() {
      yield* fault({ fault: Fault.drop, operation: "createCall", times: 1 })
      const call = yield* withinAMinute(createCall(request, { reconcile: reconcile({ resendIfNone: true, gracePeriod: "2 seconds" }) }))
      const [placed] = yield* Effect.flatMap(emulator, (e) => e.calls)
      expect(call.sid).toBe(placed!.sid)
      expect(yield* callCount).toBe(1)
      expect(yield* creates).toBe(2)
    }).pipe(Effect.provide(onEmulator)))

  it.effect("dropped before processing, without resendIfNone: fails with the OutcomeUnknown, nothing sent again", () =>
    Effect.gen(function*() {
      yield* fault({ fault: Fault.drop, operation: "createCall", times: 1 })
      const error = yield* Effect.flip(withinAMinute(createCall(request, { reconcile: reconcile() })))
      expect(error).toBeInstanceOf(CreateCallError.OutcomeUnknown)
      expect(yield* callCount).toBe(0)
      expect(yield* creates).toBe(1)
    }).pipe(Effect.provide(onEmulator)))

  it.effect("waits the grace period before looking", () =>
    Effect.gen(function*() {
      yield* fault({ fault: Fault.dropAfterProcessing, operation: "createCall", times: 1 })
      const lists = Effect.flatMap(RequestLog.RequestLog, (log) => log.count({ operation: "listCalls" }))
      const fiber = yield* Effect.fork(createCall(request, { reconcile: reconcile({ gracePeriod: "10 seconds" }) }))
      yield* TestClock.adjust("9 seconds")
      expect(yield* lists).toBe(0)
      yield* TestClock.adjust("1 second")
      yield* fiber.await
      expect(yield* lists).toBe(1)
    }).pipe(Effect.provide(onEmulator)))

  it.effect("two candidates: fails with the original error rather than guess, and never sends again", () =>
    Effect.gen(function*() {
      yield* placeDirectly(request.to)
      yield* fault({ fault: Fault.dropAfterProcessing, operation: "createCall", times: 1 })
      const error = yield* Effect.flip(withinAMinute(createCall(request, { reconcile: reconcile({ resendIfNone: true }) })))
      expect(error._tag).toBe("OutcomeUnknown")
      expect(yield* callCount).toBe(2)
      expect(yield* creates).toBe(1)
    }).pipe(Effect.provide(onEmulator)))

  it.effect("a 5xx that was not processed, with resendIfNone: one call in the end", () =>
    Effect.gen(function*() {
      yield* fault({ fault: Fault.serverError(500), operation: "createCall", times: 1 })
      const call = yield* withinAMinute(createCall(request, { reconcile: reconcile({ resendIfNone: true }) }))
      expect(call.to).toBe(request.to)
      expect(yield* callCount).toBe(1)
      expect(yield* creates).toBe(2)
    }).pipe(Effect.provide(onEmulator)))

  it.effect("the listing fails too: fails with the create's error", () =>
    Effect.gen(function*() {
      yield* fault({ fault: Fault.dropAfterProcessing, operation: "createCall", times: 1 })
      yield* fault({ fault: Fault.rateLimited("1 second"), operation: "listCalls" })
      const error = yield* Effect.flip(withinAMinute(createCall(request, { reconcile: reconcile({ resendIfNone: true }) })))
      expect(error._tag).toBe("OutcomeUnknown")
      expect(yield* creates).toBe(1)
    }).pipe(Effect.provide(onEmulator)))
})

function assert(condition: boolean): asserts condition {
  expect(condition).toBe(true)
}
