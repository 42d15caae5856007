/**
 * `SignalWireClient`: its layers (from options, from config, over a config in context) over an
 * injected `HttpClient`, and `layerTest`, the layer users put under their own code's tests.
 */
import { CreateCallError, createCall, FakeHttpClient, SignalWireClient, SignalWireConfig } from "@effect-signalwire/client"
import * as SignalWireClientModule from "@effect-signalwire/client/SignalWireClient"
import { Call, CreateCallRequest } from "@effect-signalwire/schema"
import { assert, describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import {
  answers,
  authToken,
  callsUrl,
  created,
  input,
  options,
  projectId,
  requestCount,
  requests,
  sipInput,
  sipPassword
} from "./fixtures.js"

const decodeRequest = (u: unknown) => Effect.runSync(CreateCallRequest.decode(u))
const rateLimited = new CreateCallError.RateLimited({
  status: 429,
  detail: "Too Many Requests",
  errors: [],
  headers: {},
  attempts: 1
})

describe("SignalWireClient", () => {
  it("is the same module from the barrel and from the deep import", () => {
    expect(SignalWireClientModule.SignalWireClient).toBe(SignalWireClient.SignalWireClient)
  })

  describe("layer (options) over an HttpClient", () => {
    const live = SignalWireClient.layer(options()).pipe(Layer.provideMerge(FakeHttpClient.layer(answers(created()))))

    it.effect("provides the client and its config", () =>
      Effect.gen(function*() {
        const config = yield* SignalWireConfig.SignalWireConfig
        expect(config.projectId).toBe(projectId)
        const client = yield* SignalWireClient.SignalWireClient
        const call = yield* client.createCall(input)
        expect(call.sid).toBe("82e7850d-054e-4067-8c4f-6568acd96575")
        const [request] = yield* requests
        expect(request?.url).toBe(callsUrl)
      }).pipe(Effect.provide(live)))

    it.effect("the service's createCall takes the same per-call options", () =>
      Effect.gen(function*() {
        const client = yield* SignalWireClient.SignalWireClient
        const call = yield* client.createCall(input, { requestTimeout: "1 second" })
        expect(call.status).toBe("queued")
        expect(yield* requestCount).toBe(1)
      }).pipe(Effect.provide(live)))
  })

  describe("layerWithoutConfig and make", () => {
    it.effect("build the client over a SignalWireConfig already in context", () =>
      Effect.gen(function*() {
        yield* createCall(input)
        const fromMake = yield* SignalWireClient.make
        yield* fromMake.createCall(input)
        const sent = yield* requests
        expect(sent.map((request) => request.url)).toStrictEqual([
          "http://127.0.0.1:8080/api/laml/2010-04-01/Accounts/" + projectId + "/Calls.json",
          "http://127.0.0.1:8080/api/laml/2010-04-01/Accounts/" + projectId + "/Calls.json"
        ])
      }).pipe(
        Effect.provide(SignalWireClient.layerWithoutConfig.pipe(Layer.provideMerge(Layer.mergeAll(
          SignalWireConfig.layer(options({ space: "http://127.0.0.1:8080" })),
          FakeHttpClient.layer(answers(created()))
        ))))
      ))
  })

  describe("layerConfig", () => {
    it.effect("configured from the environment, it sends to the space with the project's credentials", () =>
      Effect.gen(function*() {
        const call = yield* createCall(input)
        expect(call.status).toBe("queued")
        const [request] = yield* requests
        expect(request?.url).toBe(`http://127.0.0.1:8080/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`)
        expect(request?.headers["authorization"]).toBe(`Basic ${Buffer.from(`${projectId}:${authToken}`).toString("base64")}`)
      }).pipe(
        Effect.provide(SignalWireClient.layerConfig().pipe(Layer.provideMerge(FakeHttpClient.layer(answers(created()))))),
        Effect.withConfigProvider(ConfigProvider.fromMap(
          new Map([
            ["SIGNALWIRE_PROJECT_ID", projectId],
            ["SIGNALWIRE_API_TOKEN", authToken],
            ["SIGNALWIRE_SPACE_URL", "http://127.0.0.1:8080"]
          ])
        ))
      ))
  })

  describe("layerTest", () => {
    it.effect("by default answers every valid request with a queued Call to and from what was asked", () =>
      Effect.gen(function*() {
        const first = yield* createCall(input)
        const second = yield* createCall(input)
        assert.instanceOf(first, Call.Call)
        expect(first).toMatchObject({ to: input.to, from: input.from, status: "queued", direction: "outbound-api" })
        expect(first.sid).not.toBe(second.sid)
      }).pipe(Effect.provide(SignalWireClient.layerTest())))

    it.effect("invalid input still fails locally with InvalidRequest, and never reaches the handler", () =>
      Effect.gen(function*() {
        const seen = yield* Ref.make(0)
        const error = yield* Effect.flip(createCall({ ...input, to: "+1" }).pipe(
          Effect.provide(SignalWireClient.layerTest(() => Effect.zipRight(Ref.update(seen, (n) => n + 1), Effect.die("reached"))))
        ))
        assert.instanceOf(error, CreateCallError.InvalidRequest)
        expect(error.violations.map((violation) => violation.path)).toStrictEqual([["to"]])
        expect(yield* Ref.get(seen)).toBe(0)
      }))

    it.effect("a scripted handler records the decoded requests and answers or fails as scripted", () =>
      Effect.gen(function*() {
        const received = yield* Ref.make<ReadonlyArray<CreateCallRequest.CreateCallRequest>>([])
        const handler: SignalWireClient.TestHandler = (request) =>
          Effect.gen(function*() {
            const index = (yield* Ref.getAndUpdate(received, (all) => [...all, request])).length
            if (index === 0) return yield* Effect.fail(rateLimited)
            return SignalWireClient.queuedCall(request, { sid: `sid-${index}` })
          })
        const layer = SignalWireClient.layerTest(handler)
        const error = yield* Effect.flip(createCall(sipInput).pipe(Effect.provide(layer)))
        expect(error).toBe(rateLimited)
        const call = yield* createCall(input).pipe(Effect.provide(layer))
        expect(call.sid).toBe("sid-1")
        const all = yield* Ref.get(received)
        expect(all).toStrictEqual([decodeRequest(sipInput), decodeRequest(input)])
        // The handler sees the decoded request: the password still wrapped.
        assert.isTrue(Redacted.isRedacted(all[0]?.sipAuthPassword))
        expect(Redacted.value(all[0]!.sipAuthPassword!)).toBe(sipPassword)
      }))

    it("queuedCall builds the Call a create answers, with the sid, project and time given", () => {
      const now = new Date("2024-05-01T12:00:00Z")
      const call = SignalWireClient.queuedCall(decodeRequest(input), { sid: "CA1", projectId, now })
      assert.instanceOf(call, Call.Call)
      expect(call).toMatchObject({ sid: "CA1", accountSid: projectId, to: input.to, from: input.from, status: "queued" })
      expect(call.dateCreated.getTime()).toBe(now.getTime())
      expect(call.uri).toBe(`/api/laml/2010-04-01/Accounts/${projectId}/Calls/CA1`)
    })
  })
})
