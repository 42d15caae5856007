/**
 * `fetchCall`: read a call as SignalWire has it now: its status, times, duration and price.
 * Import it alone (`@effect-signalwire/client/FetchCall`).
 *
 * @since 0.1.0
 */
import type { Call } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import { operation } from "./internal/callControl.js"
import * as internal from "./internal/fetchCall.js"
import type { FetchCallError } from "./CallControlError.js"
import { type ControlOptions, SignalWireClient } from "./SignalWireClient.js"

/**
 * Fetches a call by its sid (`GET /Accounts/{AccountSid}/Calls/{Sid}`). An unknown sid fails
 * with `CallNotFound`. Idempotent: a 5xx, a timeout or a lost connection is retried (see
 * `RetryPolicy.idempotent`).
 *
 * @since 0.1.0
 * @category operations
 * @example
 * ```ts
 * import { fetchCall } from "@effect-signalwire/client"
 * import { Effect } from "effect"
 *
 * export const program = fetchCall("f79ba075-e453-4819-8c53-ea499f2386c5").pipe(
 *   Effect.tap((call) => Effect.log(`${call.status}, ${call.duration ?? 0} s, ${call.price ?? 0} ${call.priceUnit ?? ""}`)),
 *   Effect.catchTag("CallNotFound", (error) => Effect.logWarning(error.message))
 * )
 * ```
 */
export const fetchCall = (sid: string, options?: ControlOptions): Effect.Effect<Call.Call, FetchCallError, SignalWireClient> =>
  Effect.flatMap(SignalWireClient, (client) => operation(client.control, "fetchCall", internal.make)(sid, options))
