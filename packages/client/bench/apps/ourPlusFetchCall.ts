/**
 * Size: the create-only app (`ourCreateCall.ts`) plus `fetchCall`, to measure what that
 * operation adds to an app (`npm run size`; issue 12: each further operation ≤ 3 KB gzipped).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { createCall } from "@effect-signalwire/client/CreateCall"
import { fetchCall } from "@effect-signalwire/client/FetchCall"
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
  (call) => fetchCall(call.sid)
)
const result = await Effect.runPromise(program.pipe(Effect.provide(SignalWireLive)))
globalThis.process?.stdout.write(`${JSON.stringify(result)}\n`)
