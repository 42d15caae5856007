/**
 * `FakeHttpClient`, the `HttpClient` users fake SignalWire with: what it records, what it
 * answers, and failures in the vocabulary real clients share, classified as in production.
 */
import { CreateCallError, createCall, FakeHttpClient, RetryPolicy, SignalWireClient } from "@effect-signalwire/client"
import * as FakeHttpClientModule from "@effect-signalwire/client/FakeHttpClient"
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { options } from "./fixtures.js"

const form = HttpClientRequest.post("https://fake.test/form").pipe(
  HttpClientRequest.setHeader("x-test", "yes"),
  HttpClientRequest.bodyUrlParams([["To", "+13105678901"], ["Event", "a b"], ["Event", "c&d=e"]])
)

/** The cause chain of a failure, as `[message, code]` pairs. */
const chain = (error: unknown): Array<[string, unknown]> => {
  const out: Array<[string, unknown]> = []
  let current: unknown = error
  while (current instanceof Error) {
    out.push([current.message, (current as { code?: unknown }).code])
    current = current.cause
  }
  return out
}

describe("FakeHttpClient", () => {
  it("is the same module from the barrel and from the deep import", () => {
    expect(FakeHttpClientModule.make).toBe(FakeHttpClient.make)
  })

  describe("make", () => {
    it.effect("records every request in order: method, URL, headers, and the form body as ordered pairs", () =>
      Effect.gen(function*() {
        const indexes: Array<number> = []
        const { client, fake } = yield* FakeHttpClient.make((_, index) => {
          indexes.push(index)
          return FakeHttpClient.json(200, { ok: index })
        })
        const first = yield* client.execute(form)
        expect(yield* first.json).toStrictEqual({ ok: 0 })
        yield* client.get("https://fake.test/nothing?x=1")
        expect(indexes).toStrictEqual([0, 1])
        const [post, get, ...rest] = yield* fake.requests
        expect(rest).toStrictEqual([])
        expect(post).toMatchObject({ method: "POST", url: "https://fake.test/form" })
        expect(post?.headers["x-test"]).toBe("yes")
        expect(post?.headers["content-type"]).toBe("application/x-www-form-urlencoded")
        expect(post?.form).toStrictEqual([["To", "+13105678901"], ["Event", "a b"], ["Event", "c&d=e"]])
        expect(get).toMatchObject({ method: "GET", url: "https://fake.test/nothing?x=1", form: [] })
      }))

    it.effect("reads a raw string body as a form too", () =>
      Effect.gen(function*() {
        const { client, fake } = yield* FakeHttpClient.make(() => new Response(null, { status: 204 }))
        yield* client.execute(HttpClientRequest.post("https://fake.test/raw").pipe(
          HttpClientRequest.setBody(HttpBody.raw("A=1&B=two%20words"))
        ))
        const [request] = yield* fake.requests
        expect(request?.form).toStrictEqual([["A", "1"], ["B", "two words"]])
      }))

    it.effect("the handler may answer with an Effect", () =>
      Effect.gen(function*() {
        const { client } = yield* FakeHttpClient.make(() => Effect.succeed(new Response("later", { status: 202 })))
        const response = yield* client.get("https://fake.test/")
        expect(response.status).toBe(202)
        expect(yield* response.text).toBe("later")
      }))

    it.effect("each fake keeps its own log", () =>
      Effect.gen(function*() {
        const one = yield* FakeHttpClient.make(() => new Response(null))
        const two = yield* FakeHttpClient.make(() => new Response(null))
        yield* one.client.get("https://fake.test/1")
        expect((yield* one.fake.requests).length).toBe(1)
        expect(yield* two.fake.requests).toStrictEqual([])
      }))
  })

  describe("json", () => {
    it.effect("a JSON response with the status and extra headers", () =>
      Effect.gen(function*() {
        const response = FakeHttpClient.json(429, { code: 20429 }, { "retry-after": "3" })
        expect(response.status).toBe(429)
        expect(response.headers.get("content-type")).toBe("application/json")
        expect(response.headers.get("retry-after")).toBe("3")
        expect(yield* Effect.promise(() => response.json())).toStrictEqual({ code: 20429 })
      }))
  })

  describe("failures in the vocabulary real clients share", () => {
    it.effect("refuseConnection: a Transport RequestError of the request, its cause the fake's own error coded ECONNREFUSED", () =>
      Effect.gen(function*() {
        const { client } = yield* FakeHttpClient.make(FakeHttpClient.refuseConnection)
        const error = yield* Effect.flip(client.execute(form))
        assert.instanceOf(error, HttpClientError.RequestError)
        expect(error.reason).toBe("Transport")
        expect(error.request.url).toBe("https://fake.test/form")
        expect(chain(error.cause)).toStrictEqual([["connection refused (simulated by FakeHttpClient)", "ECONNREFUSED"]])
        expect((error.cause as Error).name).toBe("FakeHttpClientFailure")
      }))

    it.effect("loseConnection: a Transport RequestError, its cause the fake's own error coded ECONNRESET", () =>
      Effect.gen(function*() {
        const { client } = yield* FakeHttpClient.make(FakeHttpClient.loseConnection)
        const error = yield* Effect.flip(client.execute(form))
        assert.instanceOf(error, HttpClientError.RequestError)
        expect(error.reason).toBe("Transport")
        expect(chain(error.cause)).toStrictEqual([["connection reset after the request was sent (simulated by FakeHttpClient)", "ECONNRESET"]])
      }))

    it.effect("the client classifies them as in production: refused → TransportError, lost → OutcomeUnknown", () =>
      Effect.gen(function*() {
        const input = { to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }
        const refusedError = yield* Effect.flip(createCall(input))
        assert.instanceOf(refusedError, CreateCallError.TransportError)
        expect(refusedError.code).toBe("ECONNREFUSED")
        const lostError = yield* Effect.flip(createCall(input))
        assert.instanceOf(lostError, CreateCallError.OutcomeUnknown)
        expect(lostError.reason).toBe("ConnectionLost")
        const sent = yield* Effect.flatMap(FakeHttpClient.FakeHttpClient, (fake) => fake.requests)
        expect(sent).toHaveLength(2)
      }).pipe(Effect.provide(
        SignalWireClient.layer(options({ retry: RetryPolicy.none })).pipe(Layer.provideMerge(FakeHttpClient.layer((request, index) =>
          index === 0 ? FakeHttpClient.refuseConnection(request) : FakeHttpClient.loseConnection(request)
        )))
      )))
  })

  describe("layer", () => {
    it.effect("provides the fake as the HttpClient and FakeHttpClient reading the same log", () =>
      Effect.gen(function*() {
        const client = yield* HttpClient.HttpClient
        yield* client.get("https://fake.test/a")
        yield* client.get("https://fake.test/b")
        const fake = yield* FakeHttpClient.FakeHttpClient
        expect((yield* fake.requests).map((request) => request.url)).toStrictEqual([
          "https://fake.test/a",
          "https://fake.test/b"
        ])
      }).pipe(Effect.provide(FakeHttpClient.layer(() => new Response(null, { status: 204 })))))

    it.effect("each build of the layer starts an empty log", () =>
      Effect.gen(function*() {
        const layer = FakeHttpClient.layer(() => new Response(null, { status: 204 }))
        const use = Effect.gen(function*() {
          yield* Effect.flatMap(HttpClient.HttpClient, (client) => client.get("https://fake.test/"))
          return (yield* Effect.flatMap(FakeHttpClient.FakeHttpClient, (fake) => fake.requests)).length
        })
        expect(yield* Effect.provide(use, layer)).toBe(1)
        expect(yield* Effect.provide(use, layer)).toBe(1)
      }))
  })
})
