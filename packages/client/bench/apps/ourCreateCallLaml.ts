/**
 * Size: the app of `ourCreateCall.ts`, its call's instructions a LaML document built with
 * `@effect-signalwire/schema/Laml` (a greeting, a menu, a dial with a fallback) instead of a URL.
 * The difference between the two bundles is what importing `Laml` adds to an app.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { createCall } from "@effect-signalwire/client/CreateCall"
import * as SignalWireClient from "@effect-signalwire/client/SignalWireClient"
import * as Laml from "@effect-signalwire/schema/Laml"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

const SignalWireLive = SignalWireClient.layer({
  projectId: "b3877c40-da60-4998-90ad-b792e98472af",
  authToken: Redacted.make("PTbench-token"),
  space: globalThis.process?.env.BENCH_ORIGIN ?? "example.signalwire.com"
}).pipe(Layer.provide(FetchHttpClient.layer))

const twiml = Laml.response([
  Laml.gather({ numDigits: 1, action: "https://example.com/menu" }, [Laml.say("Press 1 for sales.")]),
  Laml.dial({ timeout: 20 }, "+13105678901"),
  Laml.say("Nobody answered. Goodbye."),
  Laml.hangup()
])

const call = await Effect.runPromise(
  createCall({ to: "+13105678901", from: "+13103384645", twiml }).pipe(Effect.provide(SignalWireLive))
)
globalThis.process?.stdout.write(`${call.sid}\n`)
