/**
 * Test helpers: the projects the tests use, an emulator whose status callbacks land in a queue,
 * and readers for the wire formats.
 */
import { Emulator, EmulatorClient, EmulatorServer, FaultRules, RequestLog, WebhookClient } from "@effect-signalwire/emulator"
import { ApiErrorBody, Call, CallPage, CreateCallForm, type CreateCallRequest, Sid } from "@effect-signalwire/schema"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import type * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
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

/** The Basic auth credentials of a request. */
export interface Credentials {
  readonly username: string
  readonly password: Redacted.Redacted<string>
}

export const credentials: Credentials = { username: projectId, password: Redacted.make(authToken) }
export const otherCredentials: Credentials = { username: otherProjectId, password: Redacted.make(otherAuthToken) }

/** The engine's project ids of the test projects. */
export const project = Sid.ProjectId.make(projectId)
export const otherProject = Sid.ProjectId.make(otherProjectId)

/** A Create Call form, decoded as the HTTP app decodes it (a form the test knows to be valid). */
export const decodeForm = (form: ReadonlyArray<readonly [string, string]>): Effect.Effect<CreateCallRequest.CreateCallRequest> =>
  Effect.orDie(CreateCallForm.fromFormParams(form))

/**
 * An error answer of the HTTP app, as a client sees it: the status, the JSON body, the body
 * decoded with `ApiErrorBody`, its shape and `Retry-After`.
 */
export interface Answer {
  readonly status: number
  readonly body: unknown
  readonly apiError: ApiErrorBody.ApiError
  readonly shape: "object" | "errors"
  readonly retryAfterSeconds: number | undefined
}

interface CallsRequest {
  readonly credentials: Credentials | undefined
  readonly accountSid: string
}

/**
 * The Calls API of an engine, through `EmulatorApp` in-process (`EmulatorClient`): each
 * operation sends its request (Basic auth, form or query) and reads the answer as a client does.
 */
export const callsApi = (emulator: Emulator.Service) =>
  Effect.gen(function*() {
    const client = yield* EmulatorClient.make.pipe(
      Effect.provideService(Emulator.Emulator, emulator),
      Effect.provideServiceEffect(FaultRules.FaultRules, FaultRules.make()),
      Effect.provideServiceEffect(RequestLog.RequestLog, RequestLog.make)
    )
    const send = <A, I>(
      request: CallsRequest,
      method: "GET" | "POST" | "DELETE",
      path: string,
      params: ReadonlyArray<readonly [string, string]>,
      schema: Schema.Schema<A, I> | undefined
    ): Effect.Effect<A, Answer> =>
      Effect.gen(function*() {
        const url = `http://emulator.test/api/laml/2010-04-01/Accounts/${request.accountSid}/Calls${path}`
        let http = method === "POST"
          ? HttpClientRequest.post(url).pipe(HttpClientRequest.bodyUrlParams(params))
          : HttpClientRequest.make(method)(url).pipe(HttpClientRequest.setUrlParams(params))
        if (request.credentials !== undefined) http = HttpClientRequest.basicAuth(http, request.credentials.username, request.credentials.password)
        const response = yield* client.execute(http)
        const text = yield* response.text
        const body: unknown = text === "" ? undefined : JSON.parse(text)
        if (response.status >= 400) {
          const retryAfter = response.headers["retry-after"]
          return yield* Effect.fail<Answer>({
            status: response.status,
            body,
            apiError: Option.getOrThrow(ApiErrorBody.decodeOption(body)),
            shape: typeof body === "object" && body !== null && "errors" in body ? "errors" : "object",
            retryAfterSeconds: retryAfter === undefined ? undefined : Number(retryAfter)
          })
        }
        return schema === undefined ? undefined as A : yield* Schema.decodeUnknown(schema)(body)
      }).pipe(Effect.catchTags({ RequestError: Effect.die, ResponseError: Effect.die, ParseError: Effect.die }))
    return {
      createCall: (request: CallsRequest & { readonly form: ReadonlyArray<readonly [string, string]> }) =>
        send(request, "POST", ".json", request.form, Call.Call),
      fetchCall: (request: CallsRequest & { readonly callSid: string }) => send(request, "GET", `/${request.callSid}.json`, [], Call.Call),
      listCalls: (request: CallsRequest & { readonly query: ReadonlyArray<readonly [string, string]> }) =>
        send(request, "GET", ".json", request.query, CallPage.CallPage),
      updateCall: (request: CallsRequest & { readonly callSid: string; readonly form: ReadonlyArray<readonly [string, string]> }) =>
        send(request, "POST", `/${request.callSid}.json`, request.form, Call.Call),
      deleteCall: (request: CallsRequest & { readonly callSid: string }) =>
        Effect.asVoid(send(request, "DELETE", `/${request.callSid}.json`, [], undefined))
    }
  })

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
    return { emulator, api: yield* callsApi(emulator), callbacks, answer }
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

/** Creates a call on the engine from a Create Call form (one the test knows to be valid). */
export const createFromForm = (
  emulator: Emulator.Service,
  form: ReadonlyArray<readonly [string, string]>,
  projectId: Sid.ProjectId = project
) => Effect.flatMap(decodeForm(form), (request) => emulator.createCall(projectId, request))
