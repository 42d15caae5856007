/**
 * Our `createCall` through a given `HttpClient` layer, as a user's server would run it: the
 * client layer (`SignalWireClient.layer` with the default retry policy) is built once into a
 * `ManagedRuntime`, then each batch of creates is one `Effect.forEach` at the given concurrency.
 *
 * Every create passes the same plain input the other runners send, so it is validated and
 * encoded each time, as a user's call would be. Over HTTPS the local server's certificate is
 * trusted the way the other runners trust it: `NODE_EXTRA_CA_CERTS`, set by the harness on this
 * process, which both Node's global `fetch` and the `undici` package read through `tls`.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { createCall } from "@effect-signalwire/client/CreateCall"
import * as SignalWireClient from "@effect-signalwire/client/SignalWireClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import { authToken, createInput, projectId } from "../shared.js"
import { expectedSid, type Runner } from "./Runner.js"

export const makeRunner = async (origin: string, httpClient: Layer.Layer<HttpClient.HttpClient>): Promise<Runner> => {
  const runtime = ManagedRuntime.make(
    SignalWireClient.layer({ projectId, authToken: Redacted.make(authToken), space: origin }).pipe(
      Layer.provide(httpClient)
    )
  )
  // Build the layers now, so neither the warm-up nor the measured run pays for it.
  await runtime.runtime()

  const once = createCall({ ...createInput }).pipe(
    Effect.flatMap((call) =>
      call.sid === expectedSid ? Effect.void : Effect.dieMessage(`our client: unexpected sid ${call.sid}`)
    )
  )
  return {
    run: (count, concurrency) =>
      runtime.runPromise(Effect.forEach(Array.from({ length: count }), () => once, { concurrency, discard: true })),
    close: () => runtime.dispose()
  }
}
