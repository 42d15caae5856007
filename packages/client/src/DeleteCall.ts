/**
 * `deleteCall`: delete the record of a call that has ended. Import it alone
 * (`@effect-signalwire/client/DeleteCall`).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { operation } from "./internal/callControl.js"
import * as internal from "./internal/deleteCall.js"
import type { DeleteCallError } from "./CallControlError.js"
import { type ControlOptions, SignalWireClient } from "./SignalWireClient.js"

/**
 * Deletes a call's record (`DELETE /Accounts/{AccountSid}/Calls/{Sid}`, answered 204). A call
 * that has not ended cannot be deleted (`ApiRejected`, 422, code 20009); an unknown sid is a
 * `CallNotFound`. Idempotent, so retried like a read: a retry after the first attempt deleted
 * the record fails with `CallNotFound`.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * ```ts
 * import { deleteCall } from "@effect-signalwire/client"
 * import { Effect } from "effect"
 *
 * export const program = deleteCall("f79ba075-e453-4819-8c53-ea499f2386c5").pipe(
 *   Effect.catchTag("CallNotFound", () => Effect.void) // already gone
 * )
 * ```
 */
export const deleteCall = (sid: string, options?: ControlOptions): Effect.Effect<void, DeleteCallError, SignalWireClient> =>
  Effect.flatMap(SignalWireClient, (client) => operation(client.control, "deleteCall", internal.make)(sid, options))
