/**
 * Helpers of the tests that span packages: the projects they use, a recording `HttpClient` for
 * status callbacks, a real callback listener on 127.0.0.1, and the emulator served over HTTP.
 * (The emulator's own tests have their own copy in packages/emulator/test/utils.ts: each test
 * project stands on its own files.)
 */
import { Emulator, EmulatorServer, FaultRules, RequestLog, WebhookClient } from "@effect-signalwire/emulator"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import type * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Queue from "effect/Queue"
import * as Ref from "effect/Ref"
import { createServer } from "node:http"

export const projectId = "b3877c40-da60-4998-90ad-b792e98472af"
export const authToken = "PTtest-token"
export const signingKey = "PSsigning-key"
export const otherProjectId = "0f9d8c7b-6a5e-4d3c-8b2a-1f0e9d8c7b6a"
export const otherAuthToken = "PTother-token"

export const projects: ReadonlyArray<Emulator.Project> = [
  { projectId, authToken, signingKey },
  { projectId: otherProjectId, authToken: otherAuthToken }
]

/** A status callback (or any webhook) as a receiver saw it. */
export interface Received {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly params: ReadonlyArray<readonly [string, string]>
}

export const paramsOf = (received: Received): Record<string, string> => Object.fromEntries(received.params)

/**
 * An `HttpClient` that records what it is asked to send and answers with `status` (or fails
 * as a transport error when `status` is "refuse").
 */
export const recordingClient = (
  received: Queue.Enqueue<Received>,
  answer: Ref.Ref<number | "refuse">
): HttpClient.HttpClient =>
  HttpClient.make((request, url) =>
    Effect.gen(function*() {
      const body = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : ""
      yield* Queue.offer(received, {
        method: request.method,
        url: url.toString(),
        headers: request.headers,
        params: [...new URLSearchParams(body)]
      })
      const status = yield* Ref.get(answer)
      if (status === "refuse") {
        return yield* Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("ECONNREFUSED") }))
      }
      return HttpClientResponse.fromWeb(request, new Response(null, { status }))
    })
  )

/**
 * A real HTTP listener on 127.0.0.1 for status callbacks: every request lands in `received`
 * (with the full URL it was sent to) and is answered 204.
 */
export const callbackListener = Effect.gen(function*() {
  const received = yield* Queue.unbounded<Received>()
  const server = yield* NodeHttpServer.make(() => createServer(), { port: 0, host: "127.0.0.1" })
  const address = server.address as HttpServer.TcpAddress
  const origin = `http://127.0.0.1:${address.port}`
  yield* server.serve(
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const params = yield* request.urlParamsBody
      yield* Queue.offer(received, {
        method: request.method,
        url: `${origin}${request.originalUrl}`,
        headers: request.headers,
        params
      })
      return HttpServerResponse.empty({ status: 204 })
    }).pipe(Effect.orDie)
  )
  return { received, url: `${origin}/status` }
})

/** The server's emulator (its engine, fault rules and request log) and base URL, over real HTTP on 127.0.0.1, callbacks sent with fetch. */
export const serveEmulator = (options: Emulator.Options = {}) =>
  Effect.gen(function*() {
    const context = yield* Layer.build(
      EmulatorServer.layer().pipe(
        Layer.provideMerge(Emulator.layer({ projects, ...options })),
        Layer.provide(WebhookClient.layerFetch)
      )
    )
    const url = yield* Effect.provide(EmulatorServer.url, context)
    return {
      emulator: Context.get(context, Emulator.Emulator),
      faults: Context.get(context, FaultRules.FaultRules),
      log: Context.get(context, RequestLog.RequestLog),
      url
    }
  })

