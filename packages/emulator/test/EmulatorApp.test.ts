/**
 * `EmulatorApp`: the same app on any `HttpServer`, here Effect's test server
 * (`NodeHttpServer.layerTest`, which also provides an `HttpClient` that calls it): routes, auth,
 * error answers and the fault middleware behave as on `EmulatorServer.layer`.
 */
import { describe, expect, it } from "@effect/vitest"
import { Emulator, EmulatorApp, Fault, FaultRules, RequestLog, WebhookClient } from "@effect-signalwire/emulator"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { authToken, minimalForm, projectId, projects } from "./utils.js"

const OnTestServer = EmulatorApp.serve().pipe(
  Layer.provideMerge(NodeHttpServer.layerTest),
  Layer.provideMerge(Emulator.layer({ projects })),
  Layer.provide(WebhookClient.layerDiscard)
)

const calls = `/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`

describe("EmulatorApp on any HttpServer", () => {
  it.scoped("creates and fetches a call, answers 401 without credentials, and applies a fault, on the test server", () =>
    Effect.gen(function*() {
      const client = (yield* HttpClient.HttpClient).pipe(
        HttpClient.mapRequest(HttpClientRequest.basicAuth(projectId, Redacted.make(authToken)))
      )
      const created = yield* client.execute(HttpClientRequest.post(calls).pipe(HttpClientRequest.bodyUrlParams(minimalForm())))
      expect(created.status).toBe(201)
      const call = (yield* created.json) as { readonly sid: string }
      const fetched = yield* client.get(`/2010-04-01/Accounts/${projectId}/Calls/${call.sid}.json`)
      expect(fetched.status).toBe(200)
      expect(yield* fetched.json).toMatchObject({ sid: call.sid, status: "queued" })

      // Basic credentials without their base64 padding are read as well.
      const unpadded = Buffer.from(`${projectId}:${authToken}`).toString("base64").replace(/=+$/, "")
      expect(unpadded.length % 4).not.toBe(0)
      const listed = yield* HttpClient.execute(HttpClientRequest.get(calls).pipe(HttpClientRequest.setHeader("authorization", `Basic ${unpadded}`)))
      expect(listed.status).toBe(200)

      const anonymous = yield* HttpClient.get(calls)
      expect(anonymous.status).toBe(401)
      expect(yield* anonymous.json).toMatchObject({ code: 20003 })

      yield* Effect.flatMap(FaultRules.FaultRules, (faults) => faults.add({ fault: Fault.serverError(503), operation: "listCalls", times: 1 }))
      expect((yield* client.get(calls)).status).toBe(503)
      expect((yield* client.get(calls)).status).toBe(200)
      expect(yield* Effect.flatMap(RequestLog.RequestLog, (log) => log.count())).toBe(6)
    }).pipe(Effect.provide(OnTestServer)))
})
