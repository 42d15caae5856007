/**
 * Our client (`@effect-signalwire/client`) against the emulator: over real HTTP on 127.0.0.1 (a
 * call's whole life: create, signed status callbacks to a listener, fetch, hang up, list), its
 * retry behaviour under the emulator's fault rules (counted by the emulator's request log), and
 * in-process under the test clock with scripted outcomes.
 */
import { describe, expect, it } from "@effect/vitest"
import { createCall, fetchCall, findCreatedCalls, hangUpCall, listCallsPage, SignalWireClient, updateCall, WebhookSignature } from "@effect-signalwire/client"
import { type CallLife, Emulator, EmulatorClient, Fault, FaultRules, RequestLog, WebhookClient } from "@effect-signalwire/emulator"
import { Call, StatusCallback } from "@effect-signalwire/schema"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Queue from "effect/Queue"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/TestClock"
import {
  authToken,
  callbackListener,
  projectId,
  projects,
  type Received,
  recordingClient,
  serveEmulator,
  signingKey
} from "./utils.js"

const httpClients: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["NodeHttpClient.layerUndici", NodeHttpClient.layerUndici]
]

const to = "+13105678901"
const from = "+13103384645"
const voiceUrl = "https://example.com/voice.xml"

/** Our client, with the emulator at `space`. */
const ourClient = (space: string) =>
  SignalWireClient.layer({ projectId, authToken: Redacted.make(authToken), space }).pipe(Layer.orDie)

/** The failure of a create expected to fail; a success fails the test with the call's sid. */
const failureOf = <E, R>(create: Effect.Effect<Call.Call, E, R>): Effect.Effect<E, never, R> =>
  create.pipe(
    Effect.flatMap((call) => Effect.dieMessage(`expected a failure, got the call ${call.sid}`)),
    Effect.flip
  )

/** Takes the next callback the listener received (failing rather than waiting forever). */
const nextCallback = (received: Queue.Dequeue<Received>) =>
  // A guard, generous for a loaded machine: the callbacks come within milliseconds when it is idle.
  Queue.take(received).pipe(Effect.timeoutFail({ duration: "60 seconds", onTimeout: () => new Error("no status callback within 60 s") }))

const isSigned = (callback: Received, key: string) =>
  Effect.isSuccess(WebhookSignature.verify({
    url: callback.url,
    params: callback.params,
    signingKey: Redacted.make(key),
    signature: callback.headers[WebhookSignature.signatureHeader]
  }))

// Short enough that the call rings within milliseconds; it talks until the test hangs it up.
const quickToAnswer: Emulator.Options = { timings: { queued: 10, initiated: 10, ringing: 10, inProgress: "1 minute" } }

describe.each(httpClients)("our client against the emulator over HTTP, with %s", (_name, httpClient) => {
  /** The emulator served on 127.0.0.1, and our client pointed at it over `httpClient`. */
  const served = (options?: Emulator.Options) =>
    Effect.gen(function*() {
      const { emulator, faults, log, url } = yield* serveEmulator(options)
      const context = yield* Layer.build(ourClient(url).pipe(Layer.provideMerge(httpClient)))
      const client = <A, E>(effect: Effect.Effect<A, E, SignalWireClient.SignalWireClient>) => Effect.provide(effect, context)
      return { emulator, faults, log, client }
    })

  it.scopedLive("create → signed status callbacks in order → fetch → hang up → list", () =>
    Effect.gen(function*() {
      const listener = yield* callbackListener
      const { client } = yield* served(quickToAnswer)
      // A query string: the signature covers the full URL.
      const statusCallback = `${listener.url}?tenant=42`

      const call = yield* client(createCall({
        to,
        from,
        url: voiceUrl,
        statusCallback,
        statusCallbackEvent: ["initiated", "ringing", "answered", "completed"]
      }))
      expect(call.status).toBe("queued")
      expect(call.accountSid).toBe(projectId)
      expect(call.to).toBe(to)
      expect(call.from).toBe(from)
      expect(call.direction).toBe("outbound-api")

      const progress = [yield* nextCallback(listener.received), yield* nextCallback(listener.received), yield* nextCallback(listener.received)]

      const fetched = yield* client(fetchCall(call.sid))
      expect(fetched.sid).toBe(call.sid)
      expect(fetched.status).toBe("in-progress")
      expect(fetched.startTime).toBeInstanceOf(Date)

      const hungUp = yield* client(hangUpCall(call.sid))
      expect(hungUp.status).toBe("completed")
      const last = yield* nextCallback(listener.received)

      const callbacks = [...progress, last]
      for (const callback of callbacks) {
        expect(callback.method).toBe("POST")
        expect(callback.url).toBe(statusCallback)
        expect(yield* isSigned(callback, signingKey)).toBe(true)
        expect(callback.headers[WebhookSignature.twilioSignatureHeader]).toBe(callback.headers[WebhookSignature.signatureHeader])
        // Signed with the project's signing key, not its API token, and over the URL with its query.
        expect(yield* isSigned(callback, authToken)).toBe(false)
        expect(yield* isSigned({ ...callback, url: listener.url }, signingKey)).toBe(false)
      }
      const decoded = yield* Effect.forEach(callbacks, (callback) => StatusCallback.fromFormParams(callback.params))
      expect(decoded.map((callback) => [callback.callSid, callback.callStatus, callback.sequenceNumber])).toStrictEqual([
        [call.sid, "initiated", 0],
        [call.sid, "ringing", 1],
        [call.sid, "in-progress", 2],
        [call.sid, "completed", 3]
      ])
      expect(decoded.every((callback) => callback.accountSid === projectId && callback.to === to && callback.from === from)).toBe(true)
      expect(decoded[3]!.callDuration).toBe(hungUp.duration)
      expect(decoded[3]!.sipResultCode).toBe("200")
      expect(decoded.slice(0, 3).every((callback) => callback.callDuration === undefined)).toBe(true)

      const page = yield* client(listCallsPage({ to }))
      expect(page.calls.map((listed) => [listed.sid, listed.status])).toStrictEqual([[call.sid, "completed"]])
      expect(yield* Queue.size(listener.received)).toBe(0)

      // The emulator writes strictly valid bodies: nothing it sent needed leniency.
      expect([call, fetched, hungUp, page, ...page.calls, ...decoded].flatMap((value) => value.unreadable)).toStrictEqual([])
    }))

  it.scopedLive("a call hung up while it rings is canceled, and its final callback says so", () =>
    Effect.gen(function*() {
      const listener = yield* callbackListener
      const { client, emulator } = yield* served({ timings: { queued: 10, initiated: 10, ringing: "1 minute" } })
      const call = yield* client(createCall({ to, from, url: voiceUrl, statusCallback: listener.url, statusCallbackEvent: ["ringing", "completed"] }))
      const ringing = yield* nextCallback(listener.received)
      const canceled = yield* client(updateCall(call.sid, { status: "canceled" }))
      expect(canceled.status).toBe("canceled")
      const final = yield* nextCallback(listener.received)
      const decoded = yield* Effect.forEach([ringing, final], (callback) => StatusCallback.fromFormParams(callback.params))
      expect(decoded.map((callback) => [callback.callStatus, callback.sequenceNumber])).toStrictEqual([["ringing", 0], ["canceled", 1]])
      expect(yield* Effect.forEach([ringing, final], (callback) => isSigned(callback, signingKey))).toStrictEqual([true, true])
      expect((yield* emulator.calls).map((c) => c.status)).toStrictEqual(["canceled"])
    }))

  describe("fault rules", () => {
    it.scopedLive("429 with Retry-After for the first 2 creates: our client retries and the call is placed once (3 creates observed)", () =>
      Effect.gen(function*() {
        const { client, emulator, faults, log } = yield* served()
        yield* faults.add({ fault: Fault.rateLimited("0 seconds"), operation: "createCall", times: 2 })
        const call = yield* client(createCall({ to, from, url: voiceUrl }))
        expect(call.status).toBe("queued")
        expect(yield* log.count({ operation: "createCall" })).toBe(3)
        expect((yield* log.requests).map((request) => request.faults.map((fault) => fault._tag))).toStrictEqual([
          ["RateLimited"],
          ["RateLimited"],
          []
        ])
        expect((yield* emulator.calls).map((c) => c.sid)).toStrictEqual([call.sid])
      }))

    it.scopedLive("429 on every create: RateLimited after the default policy's 3 retries (4 creates observed), no call", () =>
      Effect.gen(function*() {
        const { client, emulator, faults, log } = yield* served()
        yield* faults.add({ fault: Fault.rateLimited("0 seconds"), operation: "createCall" })
        const error = yield* failureOf(client(createCall({ to, from, url: voiceUrl })))
        expect(error._tag).toBe("RateLimited")
        if (error._tag === "RateLimited") {
          expect(error.attempts).toBe(4)
          expect(error.code).toBe(20429)
          expect(error.retryAfter).toStrictEqual(Duration.zero)
        }
        expect(yield* log.count({ operation: "createCall" })).toBe(4)
        expect(yield* emulator.calls).toStrictEqual([])
      }))

    it.scopedLive.each([500, 503] as const)("Fault.serverError(%i): ServerError, 1 create observed, not retried", (status) =>
      Effect.gen(function*() {
        const { client, faults, log } = yield* served()
        yield* faults.add({ fault: Fault.serverError(status), operation: "createCall", times: 1 })
        const error = yield* failureOf(client(createCall({ to, from, url: voiceUrl })))
        expect(error._tag).toBe("ServerError")
        if (error._tag === "ServerError") {
          expect(error.status).toBe(status)
          expect(error.code).toBe(status === 503 ? 20503 : 20500)
          expect(error.attempts).toBe(1)
        }
        expect(yield* log.count({ operation: "createCall" })).toBe(1)
      }))

    it.scopedLive("Fault.drop: OutcomeUnknown (ConnectionLost), 1 create observed, no call", () =>
      Effect.gen(function*() {
        const { client, emulator, faults, log } = yield* served()
        yield* faults.add({ fault: Fault.drop, operation: "createCall", times: 1 })
        const error = yield* failureOf(client(createCall({ to, from, url: voiceUrl })))
        expect(error._tag).toBe("OutcomeUnknown")
        if (error._tag === "OutcomeUnknown") {
          expect(error.reason).toBe("ConnectionLost")
          expect(error.attempts).toBe(1)
        }
        expect(yield* log.count({ operation: "createCall" })).toBe(1)
        expect(yield* emulator.calls).toStrictEqual([])
      }))

    it.scopedLive("Fault.dropAfterProcessing: OutcomeUnknown, 1 create observed, yet the call exists: found by findCreatedCalls", () =>
      Effect.gen(function*() {
        const { client, emulator, faults, log } = yield* served()
        yield* faults.add({ fault: Fault.dropAfterProcessing, operation: "createCall", times: 1 })
        const error = yield* failureOf(client(createCall({ to, from, url: voiceUrl })))
        expect(error._tag).toBe("OutcomeUnknown")
        if (error._tag !== "OutcomeUnknown") return
        expect(error.reason).toBe("ConnectionLost")
        expect(error.attempts).toBe(1)
        expect(yield* log.count({ operation: "createCall" })).toBe(1)
        const [placed, ...others] = yield* emulator.calls
        expect(others).toStrictEqual([])
        expect(placed!.to).toBe(error.request.to)

        const found = yield* client(findCreatedCalls(error))
        expect(found.map((c) => c.sid)).toStrictEqual([placed!.sid])
        expect(found[0]!.dateCreated.getTime()).toBeGreaterThanOrEqual(Math.floor(error.sentAt.getTime() / 1000) * 1000)
      }))

    it.scopedLive("why the default never retries a lost answer: a policy that retries everything places the call twice", () =>
      Effect.gen(function*() {
        const { client, emulator, faults, log } = yield* served()
        yield* faults.add({ fault: Fault.dropAfterProcessing, operation: "createCall", times: 1 })
        const call = yield* client(createCall({ to, from, url: voiceUrl }, { retry: { schedule: Schedule.recurs(1), isRetryable: () => true } }))
        expect(call.status).toBe("queued")
        expect(yield* log.count({ operation: "createCall" })).toBe(2)
        const placed = yield* emulator.calls
        expect(placed.length).toBe(2)
        expect(placed.every((c) => c.to === to)).toBe(true)
      }))
  })
})

describe("our client against the in-process emulator, under the test clock", () => {
  /** Our client over `EmulatorClient`; the emulator's status callbacks land in `callbacks`. */
  const inProcess = (options: Emulator.Options = {}) =>
    Effect.gen(function*() {
      const callbacks = yield* Queue.unbounded<Received>()
      const answer = yield* Ref.make<number | "refuse">(204)
      const context = yield* Layer.build(
        ourClient("example.signalwire.com").pipe(
          Layer.provideMerge(EmulatorClient.layerWithEmulator({ projects, ...options })),
          Layer.provide(Layer.succeed(WebhookClient.WebhookClient, recordingClient(callbacks, answer)))
        )
      )
      return {
        context,
        callbacks,
        emulator: Context.get(context, Emulator.Emulator),
        faults: Context.get(context, FaultRules.FaultRules),
        log: Context.get(context, RequestLog.RequestLog)
      }
    })

  const appStatus = "https://app.example.com/status"

  it.scoped("a busy callee (by a destination rule): the call ends busy, its callbacks signed and in order", () =>
    Effect.gen(function*() {
      const { callbacks, context, emulator } = yield* inProcess({ outcomes: [{ to: "+13105550100", outcome: "busy" }] })
      const call = yield* createCall({
        to: "+13105550100",
        from,
        url: voiceUrl,
        statusCallback: appStatus,
        statusCallbackEvent: ["initiated", "ringing", "answered", "completed"]
      }).pipe(Effect.provide(context))
      expect(call.status).toBe("queued")

      yield* TestClock.adjust("1 minute")
      expect((yield* emulator.calls).map((c) => [c.sid, c.status, c.sipResultCode])).toStrictEqual([[call.sid, "busy", "486"]])
      // Delivered one after the other, in order, by fibers of their own.
      const received = Chunk.toReadonlyArray(yield* Queue.takeN(callbacks, 2))
      expect(received.every((callback) => callback.url === appStatus)).toBe(true)
      expect((yield* Effect.forEach(received, (callback) => isSigned(callback, signingKey))).every(Boolean)).toBe(true)
      const decoded = yield* Effect.forEach(received, (callback) => StatusCallback.fromFormParams(callback.params))
      // A busy callee never rings.
      expect(decoded.map((callback) => [callback.callSid, callback.callStatus, callback.sequenceNumber])).toStrictEqual([
        [call.sid, "initiated", 0],
        [call.sid, "busy", 1]
      ])
      expect(yield* Queue.size(callbacks)).toBe(0)
    }))

  const defaults: ReadonlyArray<readonly [string, CallLife.Outcome]> = [
    ["+15005550001", "failed"],
    ["+15005550002", "busy"],
    ["+15005550003", "no-answer"],
    ["+15005550004", "canceled"],
    ["+15005550005", "completed"],
    [to, "completed"]
  ]
  it.scoped.each(defaults)("a call to %s ends %s, only once the clock has moved", ([destination, outcome]) =>
    Effect.gen(function*() {
      const { context, emulator } = yield* inProcess()
      const call = yield* createCall({ to: destination, from, url: voiceUrl, machineDetection: "Enable" }).pipe(Effect.provide(context))
      expect((yield* emulator.calls).map((c) => c.status)).toStrictEqual(["queued"])
      yield* TestClock.adjust("1 minute")
      const [ended] = yield* emulator.calls
      expect(ended!.sid).toBe(call.sid)
      expect(ended!.status).toBe(outcome)
      expect(ended!.answeredBy).toBe(outcome !== "completed" ? null : destination === "+15005550005" ? "machine_end_beep" : "human")
    }))

  it.scoped("a project id the space does not know: AuthenticationFailed (401), as the errors guide says, not NotFound", () =>
    Effect.gen(function*() {
      const { context } = yield* inProcess()
      const strangerId = "b3877c40-da60-4998-90ad-b792e98472ff"
      const stranger = SignalWireClient.layer({ projectId: strangerId, authToken: Redacted.make(authToken), space: "example.signalwire.com" })
      const error = yield* failureOf(
        createCall({ to, from, url: voiceUrl }).pipe(Effect.provide(stranger), Effect.provide(context))
      )
      expect(error).toMatchObject({ _tag: "AuthenticationFailed", status: 401, code: 20003 })
    }))

  it.scoped("429 with Retry-After: 2 twice: our client waits 2 s each time before it retries (3 creates observed)", () =>
    Effect.gen(function*() {
      const { context, emulator, faults, log } = yield* inProcess()
      yield* faults.add({ fault: Fault.rateLimited("2 seconds"), operation: "createCall", times: 2 })
      const fiber = yield* createCall({ to, from, url: voiceUrl }).pipe(Effect.provide(context), Effect.fork)
      const creates = log.count({ operation: "createCall" })

      for (const attempt of [1, 2]) {
        yield* untilSleepingFor(Duration.seconds(2))
        expect(yield* creates).toBe(attempt)
        yield* TestClock.adjust("1999 millis")
        expect(yield* creates).toBe(attempt)
        yield* TestClock.adjust("1 millis")
      }
      const call = yield* Fiber.join(fiber)
      expect(call.status).toBe("queued")
      expect(yield* creates).toBe(3)
      expect((yield* emulator.calls).map((c) => c.sid)).toStrictEqual([call.sid])
    }))

  it.scoped("in-process drops: OutcomeUnknown either way, the call placed only after processing", () =>
    Effect.gen(function*() {
      const { context, emulator, faults, log } = yield* inProcess()
      yield* faults.add({ fault: Fault.drop, operation: "createCall", times: 1 })
      yield* faults.add({ fault: Fault.dropAfterProcessing, operation: "createCall", times: 1 })
      // The first rule that answers ends the request: the first create is dropped unprocessed...
      const first = yield* failureOf(createCall({ to, from, url: voiceUrl }).pipe(Effect.provide(context)))
      expect(first._tag).toBe("OutcomeUnknown")
      expect(yield* emulator.calls).toStrictEqual([])
      // ...the second processed, then dropped.
      const second = yield* failureOf(createCall({ to, from, url: voiceUrl }).pipe(Effect.provide(context)))
      expect(second._tag).toBe("OutcomeUnknown")
      expect((yield* emulator.calls).length).toBe(1)
      expect(yield* log.count({ operation: "createCall" })).toBe(2)
    }))
})

/** Waits until some fiber sleeps on the test clock until `duration` from now (a retry's wait). */
const untilSleepingFor = (duration: Duration.Duration) =>
  Effect.gen(function*() {
    const wake = (yield* TestClock.currentTimeMillis) + Duration.toMillis(duration)
    while (!Chunk.some(yield* TestClock.sleeps(), (at) => at === wake)) yield* Effect.yieldNow()
  })
