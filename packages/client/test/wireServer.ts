/**
 * Helpers for the over-the-wire tests: a real Node HTTP (or HTTPS) server on 127.0.0.1 (port 0) that records
 * every request it receives (method, path, headers, raw body) and answers each from a script, the
 * HttpClients our client is run with (fetch, undici, node:http), and a port where nothing listens.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import { SignalWireClient, type SignalWireConfig } from "@effect-signalwire/client"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import { readFileSync } from "node:fs"
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import { createServer as createHttpsServer } from "node:https"
import type { AddressInfo } from "node:net"

/** The project and token of the official SDK's captured requests, so the Basic auth headers compare. */
export const projectId = "b3877c40-da60-4998-90ad-b792e98472af"
export const authToken = "PTsecret-token"

/** The path every create goes to. */
export const createPath = `/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`

/** A file of fixtures/reference (at the repository root), parsed. */
export const reference = (name: string): any =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/reference/${name}`, import.meta.url), "utf8"))

/** SignalWire's answer to a create (a 2019 capture): a queued call. */
export const createdCallJson: Record<string, unknown> = reference("sw-call-create-response.fixture.json").body

/** A request as the server received it, the `index`-th (from 0). */
export interface Recorded {
  readonly index: number
  readonly method: string
  readonly path: string
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/** The form fields of a recorded body, in order. */
export const paramsOf = (recorded: Recorded): ReadonlyArray<readonly [string, string]> => [...new URLSearchParams(recorded.body)]

/**
 * How the server answers one request, once its whole body was received:
 * - `Respond`: a status, headers and a body;
 * - `Destroy`: destroy the socket without answering (the request was received: maybe processed);
 * - `Hang`: never answer (until the server stops).
 */
export type Reply =
  | { readonly _tag: "Respond"; readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string }
  | { readonly _tag: "Destroy" }
  | { readonly _tag: "Hang" }

export const respond = (status: number, body = "", headers: Readonly<Record<string, string>> = {}): Reply => ({
  _tag: "Respond",
  status,
  headers,
  body
})

export const json = (status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): Reply =>
  respond(status, JSON.stringify(body), { "content-type": "application/json; charset=utf-8", ...headers })

/** 201 with SignalWire's JSON of a queued call. */
export const created: Reply = json(201, createdCallJson)

export const destroy: Reply = { _tag: "Destroy" }

export const hang: Reply = { _tag: "Hang" }

/** The i-th request gets `replies[i]`; every request after the last gets the last. */
export const sequence = (...replies: readonly [Reply, ...Array<Reply>]) => (index: number): Reply =>
  replies[Math.min(index, replies.length - 1)]!

/** A running scripted server. */
export interface WireServer {
  /** `http://127.0.0.1:<port>` (`https://` with `tls`): a space for our client. */
  readonly origin: string
  /** Every request received so far, oldest first. */
  readonly requests: Effect.Effect<ReadonlyArray<Recorded>>
  /** How many requests were received so far. */
  readonly count: Effect.Effect<number>
  /** Waits until `n` requests were received (their bodies read). */
  readonly received: (n: number) => Effect.Effect<void>
  /** Waits until `n` requests were abandoned by the client: closed before they were answered. */
  readonly abandoned: (n: number) => Effect.Effect<void>
}

const listen = (server: Server) =>
  Effect.async<number>((resume) => {
    server.listen(0, "127.0.0.1", () => resume(Effect.succeed((server.address() as AddressInfo).port)))
  })

const close = (server: Server) =>
  Effect.async<void>((resume) => {
    // Hanging and kept-alive connections would hold `close` open.
    server.close(() => resume(Effect.void))
    server.closeAllConnections()
  })

/** Starts a server answering per `script` (given the request's index), stopped with the scope. */
export const make = (
  script: (index: number, request: Recorded) => Reply,
  options?: { readonly tls?: { readonly key: string; readonly cert: string } }
): Effect.Effect<WireServer, never, Scope.Scope> =>
  Effect.gen(function*() {
    const recorded: Array<Recorded> = []
    const waiters: Array<{ readonly n: number; readonly wake: () => void }> = []
    let abandoned = 0
    const abandonWaiters: Array<{ readonly n: number; readonly wake: () => void }> = []
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      res.on("close", () => {
        if (res.writableFinished) return
        abandoned++
        for (const waiter of abandonWaiters.filter((w) => abandoned >= w.n)) {
          abandonWaiters.splice(abandonWaiters.indexOf(waiter), 1)
          waiter.wake()
        }
      })
      const chunks: Array<Buffer> = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        const request: Recorded = {
          index: recorded.length,
          method: req.method ?? "",
          path: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8")
        }
        recorded.push(request)
        for (const waiter of waiters.filter((w) => recorded.length >= w.n)) {
          waiters.splice(waiters.indexOf(waiter), 1)
          waiter.wake()
        }
        const reply = script(request.index, request)
        switch (reply._tag) {
          case "Respond":
            res.writeHead(reply.status, reply.headers).end(reply.body)
            break
          case "Destroy":
            req.socket.destroy()
            break
          case "Hang":
            break
        }
      })
    }
    const server = options?.tls === undefined ? createServer(handler) : createHttpsServer(options.tls, handler)
    const port = yield* Effect.acquireRelease(listen(server), () => close(server))
    return {
      origin: `${options?.tls === undefined ? "http" : "https"}://127.0.0.1:${port}`,
      requests: Effect.sync(() => [...recorded]),
      count: Effect.sync(() => recorded.length),
      received: (n) =>
        Effect.async<void>((resume) => {
          if (recorded.length >= n) return resume(Effect.void)
          waiters.push({ n, wake: () => resume(Effect.void) })
        }),
      abandoned: (n) =>
        Effect.async<void>((resume) => {
          if (abandoned >= n) return resume(Effect.void)
          abandonWaiters.push({ n, wake: () => resume(Effect.void) })
        })
    }
  })

/** A port on 127.0.0.1 where nothing listens (a server bound it, then closed). */
export const unusedPort: Effect.Effect<number> = Effect.gen(function*() {
  const server = createServer()
  const port = yield* listen(server)
  yield* close(server)
  return port
})

/**
 * The failure of a create that is expected to fail; a create that succeeds fails the test with
 * the call's sid (a `Call` as the failure would make the reporter print, or even hang on, it).
 */
export const failureOf = <E, R>(create: Effect.Effect<{ readonly sid: string }, E, R>): Effect.Effect<E, never, R> =>
  create.pipe(
    Effect.flatMap((call) => Effect.dieMessage(`expected a failure, got the call ${call.sid}`)),
    Effect.flip
  )

/** The HttpClients our client is run with, by name: the two the docs recommend, and node:http's. */
export const httpClients: ReadonlyArray<readonly [name: string, layer: Layer.Layer<HttpClient.HttpClient>]> = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["NodeHttpClient.layerUndici", NodeHttpClient.layerUndici],
  ["NodeHttpClient.layer", NodeHttpClient.layer]
]

/** Our client, targeting `origin`, over `httpClient`. */
export const clientLayer = (
  origin: string,
  httpClient: Layer.Layer<HttpClient.HttpClient>,
  options: Partial<SignalWireConfig.Options> = {}
): Layer.Layer<SignalWireClient.SignalWireClient | SignalWireConfig.SignalWireConfig> =>
  SignalWireClient.layer({ projectId, authToken: Redacted.make(authToken), space: origin, ...options }).pipe(
    Layer.provide(httpClient),
    Layer.orDie
  )
