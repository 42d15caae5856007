/**
 * Start-up: `ourCreateCall.ts` over `NodeHttpClient.layer` (Node's `http` module) instead of
 * `fetch`. Node 20's `fetch` and the `undici` package parse HTTP with a WebAssembly build of
 * llhttp, and a short-lived process waits at exit for V8 to finish compiling it (~150 ms here);
 * `node:http` uses the native parser, as the official SDK (axios) does.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { createCall } from "@effect-signalwire/client/CreateCall"
import * as SignalWireClient from "@effect-signalwire/client/SignalWireClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

const SignalWireLive = SignalWireClient.layer({
  projectId: "b3877c40-da60-4998-90ad-b792e98472af",
  authToken: Redacted.make("PTbench-token"),
  space: process.env.BENCH_ORIGIN ?? "example.signalwire.com"
}).pipe(Layer.provide(NodeHttpClient.layer))

const call = await Effect.runPromise(
  createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }).pipe(
    Effect.provide(SignalWireLive)
  )
)
process.stdout.write(`${call.sid}\n`)
