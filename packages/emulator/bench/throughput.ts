/**
 * How fast the emulator answers Create Call: in-process (`EmulatorClient`) and over HTTP on
 * 127.0.0.1 (`EmulatorServer` with `FetchHttpClient` and `NodeHttpClient.layerUndici`), printing
 * calls per second and latency percentiles. Calls live (and are kept) during the run, as in a
 * test suite.
 *
 *   npx tsx --conditions=@effect-signalwire/source packages/emulator/bench/throughput.ts [count] [concurrency]
 */
import { Emulator, EmulatorClient, EmulatorServer, WebhookClient } from "@effect-signalwire/emulator"
import { ApiPath } from "@effect-signalwire/schema"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

const count = Number(process.argv[2] ?? 2000)
const concurrency = Number(process.argv[3] ?? 16)
const { authToken, projectId } = Emulator.defaultProject
const form: ReadonlyArray<readonly [string, string]> = [
  ["To", "+13105678901"],
  ["From", "+13103384645"],
  ["Url", "https://example.com/voice.xml"]
]

const measure = (name: string, client: HttpClient.HttpClient, base: string) =>
  Effect.gen(function*() {
    const authorized = client.pipe(
      HttpClient.mapRequest(HttpClientRequest.basicAuth(projectId, Redacted.make(authToken as string))),
      HttpClient.filterStatusOk
    )
    const once = Effect.gen(function*() {
      const started = performance.now()
      const response = yield* authorized.execute(
        HttpClientRequest.post(`${base}${ApiPath.calls(projectId)}.json`).pipe(
          HttpClientRequest.bodyUrlParams(form)
        )
      )
      yield* response.text
      return performance.now() - started
    })
    yield* Effect.forEach(Array.from({ length: 100 }), () => once, { concurrency }) // warm-up
    const started = performance.now()
    const latencies = yield* Effect.forEach(Array.from({ length: count }), () => once, { concurrency })
    const seconds = (performance.now() - started) / 1000
    const sorted = [...latencies].sort((a, b) => a - b)
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2)
    yield* Effect.log(
      `${name.padEnd(22)} ${(count / seconds).toFixed(0).padStart(6)} calls/s   p50 ${at(0.5)} ms   p99 ${at(0.99)} ms`
    )
  })

const noCallbacks = Layer.succeed(WebhookClient.WebhookClient, HttpClient.make(() => Effect.die("no callbacks in this run")))

const inProcess = Effect.gen(function*() {
  yield* measure("in-process", yield* HttpClient.HttpClient, "http://emulator")
}).pipe(Effect.provide(EmulatorClient.layerWithEmulator().pipe(Layer.provide(noCallbacks))))

const overHttp = (name: string, client: Layer.Layer<HttpClient.HttpClient>) =>
  Effect.gen(function*() {
    const url = yield* EmulatorServer.url
    yield* measure(name, yield* HttpClient.HttpClient, url)
  }).pipe(
    Effect.provide(EmulatorServer.layer().pipe(Layer.provide(Emulator.layer()), Layer.provide(noCallbacks))),
    Effect.provide(client)
  )

Effect.runPromise(
  Effect.gen(function*() {
    yield* Effect.log(`${count} Create Call requests, ${concurrency} at a time, Node ${process.version}`)
    yield* inProcess
    yield* overHttp("HTTP, FetchHttpClient", FetchHttpClient.layer)
    yield* overHttp("HTTP, undici", NodeHttpClient.layerUndici)
  }).pipe(Effect.scoped)
)
