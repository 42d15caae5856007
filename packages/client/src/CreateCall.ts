/**
 * `createCall`: place an outbound call. Import it alone (`@effect-signalwire/client/CreateCall`)
 * and only it and the client it needs end up in your bundle.
 *
 * @since 0.1.0
 */
import type { Call, CreateCallRequest } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import type { CreateCallError } from "./CreateCallError.js"
import { type CallOptions, SignalWireClient } from "./SignalWireClient.js"

/**
 * Places a call. Plain input is validated first (every broken rule in one `InvalidRequest`,
 * nothing sent); an already-decoded `CreateCallRequest` is accepted as is. The request is sent
 * once and retried only as the retry policy allows (by default: what provably was not
 * processed). Succeeds with the `Call` SignalWire created.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * ```ts
 * import { createCall } from "@effect-signalwire/client"
 * import { Effect } from "effect"
 *
 * const program = createCall({
 *   to: "+13105678901",
 *   from: "+13103384645",
 *   url: "https://example.com/voice.xml",
 *   statusCallback: "https://example.com/status",
 *   statusCallbackEvent: ["initiated", "ringing", "answered", "completed"]
 * }).pipe(
 *   Effect.tap((call) => Effect.log(`placed ${call.sid}`)),
 *   Effect.catchTags({
 *     RateLimited: (error) => Effect.logWarning(error.message),
 *     OutcomeUnknown: (error) => Effect.logError(`reconcile calls to ${error.request.to} since ${error.sentAt.toISOString()}`),
 *     // The call was placed: never send it again.
 *     PlacedButUnreadable: (error) => Effect.logError(`placed, unreadable: ${error.sid ?? "no sid"}`)
 *   })
 * )
 * ```
 */
export const createCall = (
  input: CreateCallRequest.CreateCallRequest | CreateCallRequest.CreateCallRequest.Encoded,
  options?: CallOptions
): Effect.Effect<Call.Call, CreateCallError, SignalWireClient> =>
  Effect.flatMap(SignalWireClient, (client) => client.createCall(input, options))
