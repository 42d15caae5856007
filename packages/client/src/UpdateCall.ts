/**
 * `updateCall`: redirect a call to new instructions, end it, or move its status callbacks;
 * `hangUpCall`: end it whatever its state. Import them alone
 * (`@effect-signalwire/client/UpdateCall`).
 *
 * @since 0.1.0
 */
import type { Call, UpdateCallRequest } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import { operation } from "./internal/callControl.js"
import * as internal from "./internal/updateCall.js"
import type { UpdateCallError } from "./CallControlError.js"
import { type ControlOptions, SignalWireClient } from "./SignalWireClient.js"

/**
 * Updates a call (`POST /Accounts/{AccountSid}/Calls/{Sid}`) with an `UpdateCallRequest`:
 * `url` or `twiml` (not both) redirects it, `status: "canceled"` ends it if not yet answered,
 * `status: "completed"` ends it whatever its state, `statusCallback` moves its callbacks. The
 * input is validated first (`InvalidRequest`, nothing sent).
 *
 * Retries: a redirect applied twice restarts the call's instructions, so it retries only what
 * was provably not processed (`RetryPolicy.redirect`); any other update is idempotent
 * (`RetryPolicy.idempotent`). Redirecting a call that has ended fails with `ApiRejected` (422,
 * code 21220).
 *
 * @since 0.1.0
 * @category operations
 * @example
 * ```ts
 * import { updateCall } from "@effect-signalwire/client"
 * import { Effect } from "effect"
 *
 * export const program = updateCall("f79ba075-e453-4819-8c53-ea499f2386c5", {
 *   twiml: "<Response><Say>This call is being transferred.</Say><Dial>+13105550100</Dial></Response>"
 * }).pipe(Effect.tap((call) => Effect.log(`redirected, now ${call.status}`)))
 * ```
 */
export const updateCall = (
  sid: string,
  request: UpdateCallRequest.UpdateCallRequest | UpdateCallRequest.UpdateCallRequest.Encoded,
  options?: ControlOptions
): Effect.Effect<Call.Call, UpdateCallError, SignalWireClient> =>
  Effect.flatMap(SignalWireClient, (client) => operation(client.control, "updateCall", internal.make)(sid, request, options))

/**
 * Ends a call whatever its state: cancels it while queued or ringing, completes it once
 * answered; a call that has already ended is left as it is. It sends `Status=completed`, which
 * SignalWire applies that way. Idempotent, so retried like a read. Succeeds with the call as
 * updated.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * ```ts
 * import { fetchCall, hangUpCall } from "@effect-signalwire/client"
 * import { Effect } from "effect"
 *
 * // Hang up a call that has been talking for more than ten minutes.
 * export const enforceLimit = (sid: string) =>
 *   Effect.gen(function*() {
 *     const call = yield* fetchCall(sid)
 *     if (call.status === "in-progress" && call.startTime !== null && Date.now() - call.startTime.getTime() > 600_000) {
 *       yield* hangUpCall(sid)
 *     }
 *   })
 * ```
 */
export const hangUpCall = (sid: string, options?: ControlOptions): Effect.Effect<Call.Call, UpdateCallError, SignalWireClient> =>
  Effect.flatMap(SignalWireClient, (client) => operation(client.control, "hangUpCall", internal.makeHangUp)(sid, options))
