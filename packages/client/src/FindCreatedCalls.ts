/**
 * `findCreatedCalls`: after a create ended in `OutcomeUnknown` or `ServerError`, the calls it
 * may have placed. Import it alone (`@effect-signalwire/client/FindCreatedCalls`).
 *
 * @since 0.1.0
 */
import type { Call } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import type { ListCallsError } from "./CallControlError.js"
import { type AmbiguousCreate, type FindOptions, SignalWireClient } from "./SignalWireClient.js"

/**
 * Lists this project's outbound calls to the failed request's `to` from its `from`, created
 * from `sentAt` minus `margin` (default 30 s: SignalWire's clock and ours may differ, and its
 * times are whole seconds) until now plus `margin`, newest first. Empty: the call was
 * (probably) not placed, though a list can lag a few seconds behind a create; one: that is the
 * call; several: the window also holds other calls to the same number (decide from their
 * times or status).
 *
 * @since 0.1.0
 * @category reconciling
 * @example
 * import { createCall, findCreatedCalls } from "@effect-signalwire/client"
 * import { Effect } from "effect"
 *
 * const program = createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }).pipe(
 *   Effect.catchTags({
 *     OutcomeUnknown: (error) =>
 *       Effect.flatMap(Effect.zipRight(Effect.sleep("5 seconds"), findCreatedCalls(error)), (calls) =>
 *         calls.length === 1 ? Effect.succeed(calls[0]!) : Effect.fail(error))
 *   })
 * )
 */
export const findCreatedCalls = (
  error: AmbiguousCreate,
  options?: FindOptions
): Effect.Effect<ReadonlyArray<Call.Call>, ListCallsError, SignalWireClient> =>
  Effect.flatMap(SignalWireClient, (client) => client.findCreatedCalls(error, options))
