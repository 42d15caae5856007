/**
 * Size and start-up: an app that places one call with our client, importing only `createCall`,
 * the client layer (module paths, as an edge function would) and `FetchHttpClient.layer`. The
 * space comes from `BENCH_ORIGIN` (the benchmark's local server); the size check only bundles it.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { createCall } from "@effect-signalwire/client/CreateCall"
import * as SignalWireClient from "@effect-signalwire/client/SignalWireClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

const SignalWireLive = SignalWireClient.layer({
  projectId: "b3877c40-da60-4998-90ad-b792e98472af",
  authToken: Redacted.make("PTbench-token"),
  space: globalThis.process?.env.BENCH_ORIGIN ?? "example.signalwire.com"
}).pipe(Layer.provide(FetchHttpClient.layer))

const call = await Effect.runPromise(
  createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }).pipe(
    Effect.provide(SignalWireLive)
  )
)
globalThis.process?.stdout.write(`${call.sid}\n`)
