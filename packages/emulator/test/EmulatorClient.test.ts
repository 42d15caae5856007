import { describe, expect, it } from "@effect/vitest"
import { Emulator, EmulatorClient, Fault, FaultRules, RequestLog, WebhookClient } from "@effect-signalwire/emulator"
import { Call, StatusCallback } from "@effect-signalwire/schema"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Queue from "effect/Queue"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as TestClock from "effect/TestClock"
import { authToken, minimalForm, projectId, projects, type Received, recordingClient } from "./utils.js"

// Any host: the emulator answers every request in-process.
const calls = `https://example.signalwire.com/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`

/** The in-process client and the emulator behind it; callbacks land in the returned queue. */
const inProcess = Effect.gen(function*() {
  const callbacks = yield* Queue.unbounded<Received>()
  const answer = yield* Ref.make<number | "refuse">(204)
  const context = yield* Layer.build(
    EmulatorClient.layerWithEmulator({ projects }).pipe(
      Layer.provide(Layer.succeed(WebhookClient.WebhookClient, recordingClient(callbacks, answer)))
    )
  )
  const client = (yield* Effect.provide(HttpClient.HttpClient, context)).pipe(
    HttpClient.mapRequest(HttpClientRequest.basicAuth(projectId, Redacted.make(authToken)))
  )
  return {
    callbacks,
    client,
    emulator: Context.get(context, Emulator.Emulator),
    faults: Context.get(context, FaultRules.FaultRules),
    log: Context.get(context, RequestLog.RequestLog)
  }
})

const createCall = (client: HttpClient.HttpClient, fields = minimalForm()) =>
  client.execute(HttpClientRequest.post(calls).pipe(HttpClientRequest.bodyUrlParams(fields)))

describe("EmulatorClient", () => {
  it.scoped("answers requests to any host in-process, with the emulator's wire format", () =>
    Effect.gen(function*() {
      const { client } = yield* inProcess
      const response = yield* createCall(client)
      expect(response.status).toBe(201)
      expect(response.headers["content-type"]).toBe("application/json")
      const call = yield* HttpClientResponse.schemaBodyJson(Call.Call)(response)
      const fetched = yield* client.get(`http://localhost/2010-04-01/Accounts/${projectId}/Calls/${call.sid}`)
      expect((yield* HttpClientResponse.schemaBodyJson(Call.Call)(fetched)).sid).toBe(call.sid)
      const removed = yield* client.execute(HttpClientRequest.del(`http://x/2010-04-01/Accounts/${projectId}/Calls/${call.sid}`))
      expect(removed.status).toBe(422)
      expect(yield* removed.json).toMatchObject({ code: 20009 })
    }))

  it.scoped("plays the call's life on the test clock, callbacks going out through the HttpClient it was given", () =>
    Effect.gen(function*() {
      const { callbacks, client } = yield* inProcess
      const response = yield* createCall(client, minimalForm({ StatusCallback: "https://app.example.com/status" }))
      const call = yield* HttpClientResponse.schemaBodyJson(Call.Call)(response)
      yield* TestClock.adjust("6 seconds")
      const received = yield* Queue.take(callbacks)
      const callback = yield* StatusCallback.fromFormParams(received.params)
      expect(callback).toMatchObject({ callSid: call.sid, callStatus: "completed", sequenceNumber: 0 })
    }))

  it.scoped("a dropped connection fails the request as a Transport error, like a reset socket", () =>
    Effect.gen(function*() {
      const { client, emulator, faults, log } = yield* inProcess
      yield* faults.add({ fault: Fault.drop, operation: "createCall", times: 1 })
      const error = yield* Effect.flip(createCall(client))
      expect(error).toMatchObject({ _tag: "RequestError", reason: "Transport", cause: { code: "ECONNRESET" } })
      expect(yield* emulator.calls).toStrictEqual([])

      yield* faults.add({ fault: Fault.dropAfterProcessing, operation: "createCall", times: 1 })
      expect(yield* Effect.flip(createCall(client))).toMatchObject({ reason: "Transport" })
      expect((yield* emulator.calls).length).toBe(1)
      expect(yield* log.count({ operation: "createCall" })).toBe(2)
    }))

  it.scoped("a Delay holds the answer until the clock moves", () =>
    Effect.gen(function*() {
      const { client, faults } = yield* inProcess
      yield* faults.add({ fault: Fault.delay("10 seconds") })
      const fiber = yield* Effect.fork(createCall(client))
      yield* TestClock.adjust("9 seconds")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 second")
      expect((yield* Fiber.join(fiber)).status).toBe(201)
    }))

  it.scoped("429 carries Retry-After", () =>
    Effect.gen(function*() {
      const { client, faults } = yield* inProcess
      yield* faults.add({ fault: Fault.rateLimited("5 seconds"), times: 1 })
      const limited = yield* createCall(client)
      expect(limited.status).toBe(429)
      expect(limited.headers["retry-after"]).toBe("5")
      expect((yield* createCall(client)).status).toBe(201)
    }))
})
