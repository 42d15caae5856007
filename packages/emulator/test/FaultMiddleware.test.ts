/**
 * `FaultMiddleware`: one place where faults apply and requests are logged, the same way for
 * every route (here through the in-process client, which runs the same app as the server), and
 * for any app put behind it.
 */
import { describe, expect, it } from "@effect/vitest"
import { EmulatorClient, Fault, FaultMiddleware, FaultRules, RequestLog, WebhookClient } from "@effect-signalwire/emulator"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Queue from "effect/Queue"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import { authToken, minimalForm, projectId, projects, type Received, recordingClient } from "./utils.js"

const inProcess = Effect.gen(function*() {
  const callbacks = yield* Queue.unbounded<Received>()
  const answer = yield* Ref.make<number | "refuse">(204)
  const context = yield* Layer.build(
    EmulatorClient.layerWithEmulator({ projects }).pipe(
      Layer.provide(Layer.succeed(WebhookClient.WebhookClient, recordingClient(callbacks, answer)))
    )
  )
  const client = Context.get(context, HttpClient.HttpClient).pipe(
    HttpClient.mapRequest(HttpClientRequest.basicAuth(projectId, Redacted.make(authToken)))
  )
  return { client, faults: Context.get(context, FaultRules.FaultRules), log: Context.get(context, RequestLog.RequestLog) }
})

const api = "https://example.signalwire.com/api/laml/2010-04-01"
const sdk = "https://example.signalwire.com/2010-04-01"
const calls = `${api}/Accounts/${projectId}/Calls`
const aCall = `${calls}/b3877c40-da60-4998-90ad-b792e9847200`

const requests: ReadonlyArray<readonly [Fault.Operation, HttpClientRequest.HttpClientRequest]> = [
  ["createCall", HttpClientRequest.post(`${calls}.json`).pipe(HttpClientRequest.bodyUrlParams(minimalForm()))],
  ["createCall", HttpClientRequest.post(`${sdk}/Accounts/${projectId}/Calls`).pipe(HttpClientRequest.bodyUrlParams(minimalForm()))],
  ["listCalls", HttpClientRequest.get(`${calls}.json?PageSize=2`)],
  ["listCalls", HttpClientRequest.get(calls)],
  ["fetchCall", HttpClientRequest.get(`${aCall}.json`)],
  ["updateCall", HttpClientRequest.post(aCall).pipe(HttpClientRequest.bodyUrlParams([["Status", "completed"]]))],
  ["deleteCall", HttpClientRequest.del(`${aCall}.json`)]
]

describe("FaultMiddleware", () => {
  it.scoped("a rule with no operation applies to every Calls route the same way, and each request is logged under its operation", () =>
    Effect.gen(function*() {
      const { client, faults, log } = yield* inProcess
      yield* faults.add({ fault: Fault.serverError(503) })
      for (const [, request] of requests) {
        const response = yield* client.execute(request)
        expect(response.status).toBe(503)
        expect(yield* response.json).toMatchObject({ code: 20503, status: 503 })
      }
      expect((yield* log.requests).map((r) => [r.operation, r.accountSid, r.faults])).toStrictEqual(
        requests.map(([operation]) => [operation, projectId, [Fault.serverError(503)]])
      )
    }))

  it.scoped("a rule for one operation leaves the others alone", () =>
    Effect.gen(function*() {
      const { client, faults, log } = yield* inProcess
      yield* faults.add({ fault: Fault.rateLimited("3 seconds"), operation: "fetchCall" })
      const statuses = yield* Effect.forEach(requests, ([, request]) => Effect.map(client.execute(request), (r) => r.status))
      expect(statuses).toStrictEqual([201, 201, 200, 200, 429, 404, 404])
      expect(yield* log.count({ operation: "fetchCall" })).toBe(1)
    }))

  it.scoped("the admin API passes through unlogged and unfaulted; an unknown path is logged with no operation and gets no fault", () =>
    Effect.gen(function*() {
      const { client, faults, log } = yield* inProcess
      yield* faults.add({ fault: Fault.serverError(500) })
      expect((yield* client.get("https://example.signalwire.com/__emulator/health")).status).toBe(200)
      const unknown = yield* client.get(`${api}/Accounts/${projectId}/Recordings.json`)
      expect(unknown.status).toBe(404)
      expect(yield* log.requests).toMatchObject([
        { operation: undefined, method: "GET", accountSid: projectId, path: `${api}/Accounts/${projectId}/Recordings.json`, faults: [] }
      ])
    }))

  it.effect("works in front of any app", () =>
    Effect.gen(function*() {
      const app = FaultMiddleware.middleware(Effect.succeed(HttpServerResponse.text("ok")))
      const run = (url: string) =>
        app.pipe(
          Effect.map((response) => response.status),
          Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(new Request(url, { method: "DELETE" })))
        )
      const faults = yield* FaultRules.FaultRules
      yield* faults.add({ fault: Fault.serverError(502), operation: "deleteCall", times: 1 })
      expect(yield* run(`${aCall}.json`)).toBe(502)
      expect(yield* run(`${aCall}.json`)).toBe(200)
      expect(yield* Effect.flatMap(RequestLog.RequestLog, (log) => log.count({ operation: "deleteCall" }))).toBe(2)
    }).pipe(Effect.provide(Layer.merge(FaultRules.layer(), RequestLog.layer))))
})

