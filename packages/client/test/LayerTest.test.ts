/**
 * `SignalWireClient.layerTest` as an in-memory SignalWire: every operation answers from the calls
 * it created, with the validation and the typed errors of the real client, and reconciling works
 * on it as on SignalWire.
 */
import {
  CallControlError,
  createCall,
  CreateCallError,
  deleteCall,
  fetchCall,
  findCreatedCalls,
  hangUpCall,
  listCalls,
  listCallsPage,
  reconcile,
  SignalWireClient,
  updateCall
} from "@effect-signalwire/client"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import { makeSpanRecorder, withinAMinute } from "./fixtures.js"

const call = (to: string) => createCall({ to, from: "+13103384645", url: "https://example.com/voice.xml" })
const sidsOf = (calls: Iterable<{ readonly sid: string }>) => [...calls].map((c) => c.sid)

describe("SignalWireClient.layerTest", () => {
  it.effect("a handler's error is handed back as that very object, and no span is opened for it", () => {
    const busy = new CreateCallError.ApiRejected({ status: 400, code: 13224, detail: "busy line", errors: [] })
    return Effect.gen(function*() {
      const tracing = makeSpanRecorder()
      const error = yield* Effect.flip(call("+13105550100")).pipe(Effect.withTracer(tracing.tracer))
      expect(error).toBe(busy)
      expect(tracing.spans.map((span) => span.name)).toStrictEqual([])
    }).pipe(Effect.provide(SignalWireClient.layerTest(() => Effect.fail(busy))))
  })

  it.effect("remembers the calls it created: fetch, list (filtered, paged, newest first), an unknown sid is CallNotFound", () =>
    Effect.gen(function*() {
      const a = yield* call("+13105550001")
      const b = yield* call("+13105550002")
      const c = yield* call("+13105550001")
      expect(yield* fetchCall(b.sid)).toStrictEqual(b)
      expect(yield* Effect.flip(fetchCall("no-such-call"))).toMatchObject({ _tag: "CallNotFound", sid: "no-such-call", status: 404 })

      expect(sidsOf(Chunk.toReadonlyArray(yield* Stream.runCollect(listCalls())))).toStrictEqual([c.sid, b.sid, a.sid])
      expect(sidsOf((yield* listCallsPage({ to: "+13105550001" })).calls)).toStrictEqual([c.sid, a.sid])
      const first = yield* listCallsPage({}, { pageSize: 2 })
      expect(sidsOf(first.calls)).toStrictEqual([c.sid, b.sid])
      expect(sidsOf((yield* listCallsPage(undefined, { cursor: first.nextPageUri! })).calls)).toStrictEqual([a.sid])
      expect(Chunk.size(yield* Stream.runCollect(listCalls({ status: "queued" }, { pageSize: 1 })))).toBe(3)
      expect((yield* Effect.flip(listCallsPage({ status: "nope" as "queued" })))._tag).toBe("InvalidRequest")
    }).pipe(Effect.provide(SignalWireClient.layerTest())))

  it.effect("hang-ups end calls, redirects need a live call, deletes need an ended one", () =>
    Effect.gen(function*() {
      const placed = yield* call("+13105550001")
      expect(yield* Effect.flip(deleteCall(placed.sid))).toMatchObject({ _tag: "ApiRejected", status: 422, code: 20009 })
      expect((yield* updateCall(placed.sid, { url: "https://example.com/next.xml" })).status).toBe("queued")

      const ended = yield* hangUpCall(placed.sid)
      expect(ended).toMatchObject({ sid: placed.sid, status: "canceled" })
      expect((yield* fetchCall(placed.sid)).status).toBe("canceled")
      expect(sidsOf((yield* listCallsPage({ status: "canceled" })).calls)).toStrictEqual([placed.sid])
      expect(yield* Effect.flip(updateCall(placed.sid, { twiml: "<Response/>" }))).toMatchObject({ _tag: "ApiRejected", code: 21220 })
      expect((yield* Effect.flip(updateCall(placed.sid, { status: "paused" as "completed" }))).message).toContain(
        "Invalid Update Call request: status"
      )

      yield* deleteCall(placed.sid)
      expect(yield* Effect.flip(fetchCall(placed.sid))).toBeInstanceOf(CallControlError.CallNotFound)
    }).pipe(Effect.provide(SignalWireClient.layerTest())))

  it.effect("each layer built has its own memory", () =>
    Effect.gen(function*() {
      const placed = yield* call("+13105550001").pipe(Effect.provide(SignalWireClient.layerTest()))
      const elsewhere = yield* Effect.flip(fetchCall(placed.sid).pipe(Effect.provide(SignalWireClient.layerTest())))
      expect(elsewhere._tag).toBe("CallNotFound")
    }))

  it.effect("reconciles against what the handler placed: findCreatedCalls, and reconcile() resending once when nothing was placed", () =>
    Effect.gen(function*() {
      const attempts = yield* Ref.make(0)
      const layer = SignalWireClient.layerTest((request) =>
        Effect.flatMap(Ref.getAndUpdate(attempts, (n) => n + 1), (n) =>
          n === 0
            ? Effect.fail(
              new CreateCallError.OutcomeUnknown({ reason: "Timeout", detail: "scripted", request, sentAt: new Date(0), attempts: 1 })
            )
            : Effect.succeed(SignalWireClient.queuedCall(request, { now: new Date(0) })))
      )
      yield* Effect.gen(function*() {
        const lost = yield* Effect.flip(call("+13105550001"))
        expect(lost._tag).toBe("OutcomeUnknown")
        expect(yield* findCreatedCalls(lost as CreateCallError.OutcomeUnknown)).toStrictEqual([])

        const placed = yield* withinAMinute(
          createCall(
            { to: "+13105550002", from: "+13103384645", url: "https://example.com/voice.xml" },
            { reconcile: reconcile({ resendIfNone: true }) }
          )
        )
        expect(placed.to).toBe("+13105550002")
        expect(yield* Ref.get(attempts)).toBe(2)
        // A call to the first request's number is now a candidate for it.
        const later = yield* call("+13105550001")
        expect(sidsOf(yield* findCreatedCalls(lost as CreateCallError.OutcomeUnknown))).toStrictEqual([later.sid])
      }).pipe(Effect.provide(layer))
    }))
})
