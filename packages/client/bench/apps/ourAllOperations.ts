/**
 * Size: an app that uses every operation of the client (create, fetch, a list page and the list
 * stream, update, hang up, delete, reconcile): issue 12 wants it ≤ 100 KB gzipped (`npm run size`).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { createCall } from "@effect-signalwire/client/CreateCall"
import { fetchCall } from "@effect-signalwire/client/FetchCall"
import { listCalls, listCallsPage } from "@effect-signalwire/client/ListCalls"
import { updateCall, hangUpCall } from "@effect-signalwire/client/UpdateCall"
import { deleteCall } from "@effect-signalwire/client/DeleteCall"
import { reconcile } from "@effect-signalwire/client/Reconcile"
import * as Stream from "effect/Stream"
import * as SignalWireClient from "@effect-signalwire/client/SignalWireClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

const SignalWireLive = SignalWireClient.layer({
  projectId: "b3877c40-da60-4998-90ad-b792e98472af",
  authToken: Redacted.make("PTbench-token"),
  space: globalThis.process?.env.BENCH_ORIGIN ?? "example.signalwire.com"
}).pipe(Layer.provide(FetchHttpClient.layer))

const program = Effect.flatMap(
  createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }),
  (call) => Effect.all([
    fetchCall(call.sid),
    listCallsPage({ to: call.to }),
    Stream.runCollect(Stream.take(listCalls({ to: call.to }), 3)),
    updateCall(call.sid, { url: "https://example.com/next.xml" }),
    hangUpCall(call.sid),
    deleteCall(call.sid),
    createCall({ to: call.to, from: "+13103384645", url: "https://example.com/voice.xml" }, { reconcile: reconcile() })
  ])
)
const result = await Effect.runPromise(program.pipe(Effect.provide(SignalWireLive)))
globalThis.process?.stdout.write(`${JSON.stringify(result)}\n`)
