/**
 * `npm run bench:overhead`: our own CPU per operation, without the network. Every operation runs
 * through the real client (`SignalWireClient.layer`, default retry policy, timeout, span) over an
 * `HttpClient` that answers at once with a prepared `Response`, and so does a bare Effect request
 * over the same `HttpClient` (the floor: the request built, executed, its JSON read). The
 * difference is what our pipeline costs on top of any transport: validation, encoding, timeout,
 * retry, span, status matching and decoding the typed answer. Goal (issue 12): ≤ 0.2 ms.
 *
 * In-process and single-threaded, so far less noisy than the throughput runs on a loaded machine;
 * each figure is the median of `--rounds` rounds of `--ops` operations, CPU time by
 * `process.cpuUsage()`. Options: `--ops=5000`, `--rounds=7`, `--concurrency=50`,
 * `--only=create,fetch` (operations whose name starts so), `--async` (the HttpClient answers on the
 * next turn of the event loop, as a socket does, so every suspension and resume of the pipeline's
 * fibers is paid; without it the answer is synchronous and no fiber ever suspends).
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { createCall } from "@effect-signalwire/client/CreateCall"
import { fetchCall } from "@effect-signalwire/client/FetchCall"
import { listCallsPage } from "@effect-signalwire/client/ListCalls"
import * as SignalWireClient from "@effect-signalwire/client/SignalWireClient"
import { updateCall } from "@effect-signalwire/client/UpdateCall"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import * as Os from "node:os"
import { median } from "./processes.js"
import { authToken, basicAuthorization, callJson, createFormBody, createInput, createPath, projectId } from "./shared.js"

const flags = new Map(
  process.argv.slice(2).map((argument) => {
    const [name, value] = argument.replace(/^--/, "").split("=", 2)
    return [name ?? "", value ?? "true"] as const
  })
)
const ops = Number(flags.get("ops") ?? 5000)
const rounds = Number(flags.get("rounds") ?? 7)
const concurrency = Number(flags.get("concurrency") ?? 50)
const only = flags.get("only")?.split(",")

const origin = "https://bench.signalwire.test"
const sid = "b3877c40-da60-4998-90ad-b792e98472ca"
const callsPath = `/api/laml/2010-04-01/Accounts/${projectId}/Calls`
const pageJson = JSON.stringify({
  uri: `${callsPath}.json?Page=0&PageSize=5`,
  first_page_uri: `${callsPath}.json?Page=0&PageSize=5`,
  next_page_uri: null,
  previous_page_uri: null,
  page: 0,
  page_size: 5,
  calls: Array.from({ length: 5 }, () => JSON.parse(callJson) as unknown)
})

// Answers at once (or on the next turn with `--async`): a create with 201, a list with a page,
// anything else with the call.
const answerAsync = flags.has("async")
const answer = <A>(make: () => A): Effect.Effect<A> =>
  answerAsync ? Effect.async<A>((resume) => void setImmediate(() => resume(Effect.succeed(make())))) : Effect.sync(make)
const instant = HttpClient.make((request) =>
  answer(() =>
    HttpClientResponse.fromWeb(
      request,
      new Response(request.url.includes("/Calls.json?") || request.url.endsWith("/Calls.json") && request.method === "GET" ? pageJson : callJson, {
        status: request.method === "POST" && request.url.endsWith("/Calls.json") ? 201 : 200,
        headers: { "content-type": "application/json; charset=utf-8" }
      })
    )
  )
)
const instantLayer = Layer.succeed(HttpClient.HttpClient, instant)

const runtime = ManagedRuntime.make(
  SignalWireClient.layer({ projectId, authToken: Redacted.make(authToken), space: origin }).pipe(Layer.provide(instantLayer))
)
await runtime.runtime()

const headers = { accept: "application/json", authorization: basicAuthorization }
const floor = (request: HttpClientRequest.HttpClientRequest) =>
  Effect.flatMap(instant.execute(request.pipe(HttpClientRequest.setHeaders(headers))), (response) => response.json)

const check = (value: { readonly sid: string }) => value.sid === sid ? Effect.void : Effect.dieMessage(`unexpected sid ${value.sid}`)

const operations: ReadonlyArray<{
  readonly name: string
  readonly ours: Effect.Effect<unknown, unknown, SignalWireClient.SignalWireClient>
  readonly floor: Effect.Effect<unknown, unknown>
}> = [
  {
    name: "create",
    ours: Effect.flatMap(createCall({ ...createInput }), check),
    floor: floor(HttpClientRequest.post(`${origin}${createPath}`).pipe(
      HttpClientRequest.bodyText(createFormBody, "application/x-www-form-urlencoded")
    ))
  },
  {
    name: "fetch",
    ours: Effect.flatMap(fetchCall(sid), check),
    floor: floor(HttpClientRequest.get(`${origin}${callsPath}/${sid}.json`))
  },
  {
    name: "list page (5 calls)",
    ours: Effect.flatMap(listCallsPage({ status: "completed" }), (page) => check(page.calls[0]!)),
    floor: floor(HttpClientRequest.get(`${origin}${callsPath}.json?Status=completed`))
  },
  {
    name: "update",
    ours: Effect.flatMap(updateCall(sid, { url: "https://example.com/next.xml" }), check),
    floor: floor(HttpClientRequest.post(`${origin}${callsPath}/${sid}.json`).pipe(
      HttpClientRequest.bodyText("Url=https%3A%2F%2Fexample.com%2Fnext.xml", "application/x-www-form-urlencoded")
    ))
  }
]

/** CPU milliseconds per operation of `count` runs of `effect`, `concurrency` at a time. */
const cpuPerOperation = async (effect: Effect.Effect<unknown, unknown, SignalWireClient.SignalWireClient>, count: number) => {
  const before = process.cpuUsage()
  await runtime.runPromise(Effect.forEach(Array.from({ length: count }), () => effect, { concurrency, discard: true }))
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000 / count
}

console.log(
  `Our overhead per operation over an instant HttpClient: Node ${process.version}, ${ops} operations x ${rounds} rounds, ` +
    `concurrency ${concurrency}, load average ${Os.loadavg().map((v) => v.toFixed(2)).join(" ")}`
)
console.log(`| operation | ours CPU ms | bare Effect CPU ms | overhead ms | goal ≤ 0.2 ms |`)
console.log(`|:--|--:|--:|--:|:--|`)
for (const operation of operations.filter((operation) => only === undefined || only.some((name) => operation.name.startsWith(name)))) {
  // Warm-up: the JIT settles before anything is measured.
  await cpuPerOperation(operation.ours, ops)
  await cpuPerOperation(operation.floor, ops)
  const ours: Array<number> = []
  const bare: Array<number> = []
  for (let round = 0; round < rounds; round++) {
    ours.push(await cpuPerOperation(operation.ours, ops))
    bare.push(await cpuPerOperation(operation.floor, ops))
  }
  const overhead = median(ours.map((value, index) => value - bare[index]!))
  console.log(
    `| ${operation.name} | ${median(ours).toFixed(3)} | ${median(bare).toFixed(3)} | ${overhead.toFixed(3)} | ${overhead <= 0.2 ? "PASS" : "MISS"} |`
  )
}
await runtime.dispose()
