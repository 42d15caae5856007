/**
 * The call-control operations (`fetchCall`, `listCalls`, `listCallsPage`, `updateCall`,
 * `hangUpCall`, `deleteCall`) over real HTTP on 127.0.0.1 against the emulator, with
 * FetchHttpClient and NodeHttpClient.layerUndici: what they read and change, paging that fetches
 * a page only when the stream needs it, the emulator's faults per operation counted by its
 * request log, and the official SDK on the other side of the same emulator.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  CallControlError,
  createCall,
  deleteCall,
  fetchCall,
  hangUpCall,
  listCalls,
  listCallsPage,
  SignalWireClient,
  updateCall
} from "@effect-signalwire/client"
import { Emulator, EmulatorServer, Fault, FaultRules, RequestLog, WebhookClient } from "@effect-signalwire/emulator"
import { ApiPath, CreateCallRequest, Sid } from "@effect-signalwire/schema"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import { RestClient } from "@signalwire/compatibility-api"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"

const projectId = "b3877c40-da60-4998-90ad-b792e98472af"
const authToken = "PTcall-control-token"
const to = "+13105678901"
const from = "+13103384645"

const httpClients: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["NodeHttpClient.layerUndici", NodeHttpClient.layerUndici]
]

// Calls stay queued unless a test asks for a life it can watch.
const parked: Emulator.Options = { timings: { queued: "1 hour" } }
// Answered within a few tens of milliseconds, then in progress until hung up.
const quick: Emulator.Options = { timings: { queued: 10, initiated: 10, ringing: 10, inProgress: "1 hour" } }

/** The emulator over HTTP on 127.0.0.1 (status callbacks, if any, through fetch), for the test's scope. */
const serve = (options: Emulator.Options = parked) =>
  Effect.gen(function*() {
    const context = yield* Layer.build(
      EmulatorServer.layer().pipe(
        Layer.provideMerge(Emulator.layer({ projects: [{ projectId, authToken }], ...options })),
        Layer.provide(WebhookClient.layerFetch)
      )
    )
    return {
      emulator: Context.get(context, Emulator.Emulator),
      faults: Context.get(context, FaultRules.FaultRules),
      log: Context.get(context, RequestLog.RequestLog),
      url: yield* Effect.provide(EmulatorServer.url, context)
    }
  })

const clientLayer = (url: string, httpClient: Layer.Layer<HttpClient.HttpClient>) =>
  SignalWireClient.layer({ projectId, authToken: Redacted.make(authToken), space: url }).pipe(
    Layer.provide(httpClient),
    Layer.orDie
  )

/** Places `n` calls through the engine (no HTTP), the i-th to `+1310555` then i; oldest first. */
const placeCalls = (emulator: Emulator.Service, n: number) =>
  Effect.forEach(Array.from({ length: n }, (_, i) => i), (i) =>
    Effect.flatMap(
      Effect.orDie(CreateCallRequest.decode({ to: `+1310555${String(i).padStart(4, "0")}`, from, url: "https://example.com/voice.xml" })),
      (request) => emulator.createCall(Sid.ProjectId.make(projectId), request)
    ))

const count = (log: RequestLog.Service, operation: Fault.Operation) => log.count({ operation })

/** Waits (real time, bounded) until the call is in `status`. */
const until = (sid: string, status: string) =>
  fetchCall(sid).pipe(
    Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (call) => call.status === status }),
    Effect.timeoutFail({ duration: "10 seconds", onTimeout: () => new Error(`call ${sid} never reached ${status}`) })
  )

describe.each(httpClients)("call control over the wire with %s", (_name, httpClient) => {
  it.scopedLive("fetchCall reads the call createCall placed; an unknown sid is CallNotFound; a bad sid fails before sending", () =>
    Effect.gen(function*() {
      const { log, url } = yield* serve()
      yield* Effect.gen(function*() {
        const created = yield* createCall({ to, from, url: "https://example.com/voice.xml" })
        const fetched = yield* fetchCall(created.sid)
        expect(fetched).toStrictEqual(created)

        const unknown = "2b7c6a8e-1f3d-4e5a-9b0c-7d6e5f4a3b2c"
        const missing = yield* Effect.flip(fetchCall(unknown))
        expect(missing).toBeInstanceOf(CallControlError.CallNotFound)
        expect(missing).toMatchObject({ sid: unknown, status: 404, code: 20404 })
        expect(missing.message).toContain(`no call ${unknown}`)

        const bad = yield* Effect.flip(fetchCall("not a sid"))
        expect(bad).toMatchObject({ _tag: "InvalidRequest", operation: "Fetch Call" })
        expect(bad.message).toBe(
          "Invalid Fetch Call request: sid: must be a call sid: a non-empty identifier without white space (got \"not a sid\")"
        )
        expect(yield* count(log, "fetchCall")).toBe(2)
      }).pipe(Effect.provide(clientLayer(url, httpClient)))
    }))

  it.scopedLive("listCalls streams 25 calls newest first over 3 pages of 10, fetching a page only when the stream needs it", () =>
    Effect.gen(function*() {
      const { emulator, log, url } = yield* serve()
      const placed = yield* placeCalls(emulator, 25)
      yield* Effect.gen(function*() {
        const all = yield* Stream.runCollect(listCalls(undefined, { pageSize: 10 }))
        expect(Chunk.toReadonlyArray(all).map((call) => call.sid)).toStrictEqual(placed.map((call) => call.sid).reverse())
        expect(yield* count(log, "listCalls")).toBe(3)

        yield* log.clear
        const stream = listCalls(undefined, { pageSize: 10 })
        expect(yield* count(log, "listCalls")).toBe(0) // nothing is sent until the stream runs
        const firstFive = yield* Stream.runCollect(Stream.take(stream, 5))
        expect(Chunk.size(firstFive)).toBe(5)
        expect(yield* count(log, "listCalls")).toBe(1)

        yield* log.clear
        expect(Chunk.size(yield* Stream.runCollect(Stream.take(stream, 11)))).toBe(11)
        expect(yield* count(log, "listCalls")).toBe(2)
      }).pipe(Effect.provide(clientLayer(url, httpClient)))
    }))

  it.scopedLive("listCallsPage reads one page and its cursor, which reads the next; filters narrow the list", () =>
    Effect.gen(function*() {
      const { emulator, log, url } = yield* serve()
      const placed = yield* placeCalls(emulator, 3)
      yield* Effect.gen(function*() {
        const first = yield* listCallsPage({}, { pageSize: 2 })
        expect(first).toMatchObject({ page: 0, pageSize: 2 })
        expect(first.calls.map((call) => call.sid)).toStrictEqual([placed[2]!.sid, placed[1]!.sid])
        expect(first.nextPageUri).toMatch(new RegExp(`^${ApiPath.calls(projectId)}\\?`))
        const second = yield* listCallsPage(undefined, { cursor: first.nextPageUri! })
        expect(second.calls.map((call) => call.sid)).toStrictEqual([placed[0]!.sid])
        expect(second.nextPageUri).toBeNull()

        const toOne = yield* listCallsPage({ to: placed[1]!.to })
        expect(toOne.calls.map((call) => call.sid)).toStrictEqual([placed[1]!.sid])
        expect((yield* listCallsPage({ status: "completed" })).calls).toStrictEqual([])
        const today = new Date().toISOString().slice(0, 10)
        // Parked calls never started: a StartTime filter leaves them out.
        expect((yield* listCallsPage({ startTime: { on: today } })).calls).toStrictEqual([])

        // Bad filters fail before anything is sent.
        yield* log.clear
        const bad = yield* Effect.flip(listCallsPage({ status: "ended" as "completed", startTime: { after: "yesterday" } }, { pageSize: 5 }))
        expect(bad._tag).toBe("InvalidRequest")
        expect(bad.message).toContain("status: must be one of")
        expect(bad.message).toContain("startTime.after: must be a valid Date or a day as YYYY-MM-DD")
        expect((yield* Effect.flip(listCallsPage({}, { pageSize: 1001 }))).message).toBe(
          "Invalid List Calls request: pageSize: must be an integer from 1 to 1000 (got 1001)"
        )
        // A cursor that points at another host would take the credentials there.
        const offHost = yield* Effect.flip(listCallsPage(undefined, { cursor: "https://elsewhere.example.com/Calls?Page=1" }))
        expect(offHost.message).toContain("cursor: must be a page link must be a path on the space")
        expect(yield* count(log, "listCalls")).toBe(0)
      }).pipe(Effect.provide(clientLayer(url, httpClient)))
    }))

  it.scopedLive("hangUpCall completes an answered call; updateCall redirects a live call only", () =>
    Effect.gen(function*() {
      const { url } = yield* serve(quick)
      yield* Effect.gen(function*() {
        const answered = yield* createCall({ to, from, url: "https://example.com/voice.xml" })
        yield* until(answered.sid, "in-progress")
        const redirected = yield* updateCall(answered.sid, { twiml: "<Response><Say>Transferring you.</Say></Response>" })
        expect(redirected.status).toBe("in-progress")
        const completed = yield* hangUpCall(answered.sid)
        expect(completed).toMatchObject({ sid: answered.sid, status: "completed" })
        expect(completed.endTime).toBeInstanceOf(Date)
        // Hanging up again leaves the ended call as it is.
        expect((yield* hangUpCall(answered.sid)).status).toBe("completed")

        const late = yield* Effect.flip(updateCall(answered.sid, { url: "https://example.com/next.xml" }))
        expect(late).toMatchObject({ _tag: "ApiRejected", status: 422, code: 21220 })
        const both = yield* Effect.flip(updateCall(answered.sid, { url: "https://example.com/next.xml", twiml: "<Response/>" }))
        expect(both.message).toContain("twiml: must be absent when url is given")
      }).pipe(Effect.provide(clientLayer(url, httpClient)))
    }))

  it.scopedLive("hangUpCall cancels a queued call; deleteCall refuses a live call, deletes an ended one, whose sid is then CallNotFound", () =>
    Effect.gen(function*() {
      const { url } = yield* serve()
      yield* Effect.gen(function*() {
        const call = yield* createCall({ to, from, url: "https://example.com/voice.xml" })
        const live = yield* Effect.flip(deleteCall(call.sid))
        expect(live).toMatchObject({ _tag: "ApiRejected", status: 422, code: 20009 })
        const canceled = yield* hangUpCall(call.sid)
        expect(canceled).toMatchObject({ sid: call.sid, status: "canceled" })
        yield* deleteCall(call.sid)
        expect(yield* Effect.flip(fetchCall(call.sid))).toMatchObject({ _tag: "CallNotFound", sid: call.sid })
        expect(yield* Effect.flip(deleteCall(call.sid))).toMatchObject({ _tag: "CallNotFound", sid: call.sid })
      }).pipe(Effect.provide(clientLayer(url, httpClient)))
    }))

  describe("faults, counted by the emulator", () => {
    it.scopedLive("a fetch is retried after a 503 and a list page after a dropped connection", () =>
      Effect.gen(function*() {
        const { emulator, faults, log, url } = yield* serve()
        const [placed] = yield* placeCalls(emulator, 1)
        yield* faults.add({ fault: Fault.serverError(503), operation: "fetchCall", times: 1 })
        yield* faults.add({ fault: Fault.drop, operation: "listCalls", times: 1 })
        yield* Effect.gen(function*() {
          expect((yield* fetchCall(placed!.sid)).sid).toBe(placed!.sid)
          expect(yield* count(log, "fetchCall")).toBe(2)
          expect(Chunk.size(yield* Stream.runCollect(listCalls()))).toBe(1)
          expect(yield* count(log, "listCalls")).toBe(2)
        }).pipe(Effect.provide(clientLayer(url, httpClient)))
      }))

    it.scopedLive("a redirect is not retried after a reset (it may have been applied); a hang-up and a delete are", () =>
      Effect.gen(function*() {
        const { faults, log, url } = yield* serve(quick)
        yield* Effect.gen(function*() {
          const call = yield* createCall({ to, from, url: "https://example.com/voice.xml" })
          yield* until(call.sid, "in-progress")

          yield* faults.add({ fault: Fault.dropAfterProcessing, operation: "updateCall", times: 1 })
          const lost = yield* Effect.flip(updateCall(call.sid, { url: "https://example.com/next.xml" }))
          expect(lost).toBeInstanceOf(CallControlError.NoResponse)
          expect(lost).toMatchObject({ reason: "ConnectionLost", operation: "Update Call", sid: call.sid, attempts: 1 })
          expect(yield* count(log, "updateCall")).toBe(1)

          yield* log.clear
          yield* faults.add({ fault: Fault.dropAfterProcessing, operation: "updateCall", times: 1 })
          expect((yield* hangUpCall(call.sid)).status).toBe("completed")
          expect(yield* count(log, "updateCall")).toBe(2)

          yield* faults.add({ fault: Fault.serverError(500), operation: "deleteCall", times: 1 })
          yield* deleteCall(call.sid)
          expect(yield* count(log, "deleteCall")).toBe(2)
        }).pipe(Effect.provide(clientLayer(url, httpClient)))
      }))

    it.scopedLive("5xx on every attempt: ServerFailure after the policy's retries; per-call overrides apply", () =>
      Effect.gen(function*() {
        const { emulator, faults, log, url } = yield* serve()
        const [placed] = yield* placeCalls(emulator, 1)
        yield* faults.add({ fault: Fault.serverError(502), operation: "fetchCall" })
        yield* Effect.gen(function*() {
          const failed = yield* Effect.flip(fetchCall(placed!.sid, { retry: { schedule: Schedule.recurs(2) } }))
          expect(failed).toBeInstanceOf(CallControlError.ServerFailure)
          expect(failed).toMatchObject({ status: 502, operation: "Fetch Call", sid: placed!.sid, attempts: 3 })
          expect(yield* count(log, "fetchCall")).toBe(3)

          yield* log.clear
          const once = yield* Effect.flip(fetchCall(placed!.sid, { retry: { isRetryable: () => false } }))
          expect(once).toMatchObject({ _tag: "ServerFailure", attempts: 1 })
          expect(yield* count(log, "fetchCall")).toBe(1)
        }).pipe(Effect.provide(clientLayer(url, httpClient)))
      }))
  })
})

describe("the official SDK and our client on one emulator", () => {
  const sdkFor = (url: string) => {
    const client = RestClient(projectId, authToken, { signalwireSpaceUrl: new URL(url).host })
    // The SDK always builds an https:// URL from the space; point it at the emulator as its own RestClient does.
    ;(client.api as { baseUrl: string }).baseUrl = url
    return client
  }

  it.scopedLive("the SDK creates calls; our fetchCall and listCalls read them", () =>
    Effect.gen(function*() {
      const { url } = yield* serve()
      const sdk = sdkFor(url)
      const first = yield* Effect.promise(() => sdk.calls.create({ to, from, url: "https://example.com/voice.xml" }))
      const second = yield* Effect.promise(() => sdk.calls.create({ to: "+13105550123", from, url: "https://example.com/voice.xml" }))
      yield* Effect.gen(function*() {
        const fetched = yield* fetchCall(first.sid)
        expect(fetched).toMatchObject({ sid: first.sid, to, from, status: "queued", direction: "outbound-api" })
        expect(fetched.dateCreated.getTime()).toBe(first.dateCreated.getTime())
        const listed = yield* Stream.runCollect(listCalls())
        expect(Chunk.toReadonlyArray(listed).map((call) => call.sid)).toStrictEqual([second.sid, first.sid])
      }).pipe(Effect.provide(clientLayer(url, FetchHttpClient.layer)))
    }))

  it.scopedLive("our createCall places calls; the SDK fetches and lists them", () =>
    Effect.gen(function*() {
      const { url } = yield* serve()
      const ours = yield* Effect.forEach([to, "+13105550124"], (number) => createCall({ to: number, from, url: "https://example.com/voice.xml" })).pipe(
        Effect.provide(clientLayer(url, NodeHttpClient.layerUndici))
      )
      const sdk = sdkFor(url)
      const fetched = yield* Effect.promise(() => sdk.calls(ours[0]!.sid).fetch())
      expect(fetched).toMatchObject({ sid: ours[0]!.sid, to, from, status: "queued" })
      const listed = yield* Effect.promise(() => sdk.calls.list({ pageSize: 1 }))
      expect(listed.map((call) => call.sid)).toStrictEqual([ours[1]!.sid, ours[0]!.sid])
    }))
})
