/**
 * Test helpers: the projects the tests use, an emulator whose status callbacks land in a queue,
 * and readers for the wire formats.
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
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import { readFileSync } from "node:fs"
import { createServer } from "node:http"

/** A file of fixtures/reference (at the repository root; its README names each file's source), parsed. */
export const reference = (name: string): any =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/reference/${name}`, import.meta.url), "utf8"))

export const projectId = "b3877c40-da60-4998-90ad-b792e98472af"
export const authToken = "PTtest-token"
export const signingKey = "PSsigning-key"
export const otherProjectId = "0f9d8c7b-6a5e-4d3c-8b2a-1f0e9d8c7b6a"
export const otherAuthToken = "PTother-token"

export const projects: ReadonlyArray<Emulator.Project> = [
  { projectId, authToken, signingKey },
  { projectId: otherProjectId, authToken: otherAuthToken }
]

export const credentials: Emulator.Credentials = { username: projectId, password: Redacted.make(authToken) }
export const otherCredentials: Emulator.Credentials = { username: otherProjectId, password: Redacted.make(otherAuthToken) }

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

/** An emulator (in the test's scope) whose callbacks are recorded. */
export const makeEmulator = (options: Emulator.Options = {}) =>
  Effect.gen(function*() {
    const callbacks = yield* Queue.unbounded<Received>()
    const answer = yield* Ref.make<number | "refuse">(204)
    const emulator = yield* Emulator.make({ projects, ...options, ...("projects" in options && options.projects === undefined ? { projects: undefined } : {}) }).pipe(
      Effect.provideService(WebhookClient.WebhookClient, recordingClient(callbacks, answer))
    )
    return { emulator, callbacks, answer }
  })

export const form = (fields: Record<string, string | ReadonlyArray<string>>): ReadonlyArray<readonly [string, string]> =>
  Object.entries(fields).flatMap(([name, value]) => typeof value === "string" ? [[name, value] as const] : value.map((v) => [name, v] as const))

export const minimalForm = (extra: Record<string, string | ReadonlyArray<string>> = {}) =>
  form({ To: "+13105678901", From: "+13103384645", Url: "https://example.com/voice.xml", ...extra })

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

/** The server's emulator and base URL, over real HTTP on 127.0.0.1, callbacks sent with fetch. */
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

/** The Basic auth header of the test project. */
export const basicAuth = (username = projectId, password = authToken) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`
