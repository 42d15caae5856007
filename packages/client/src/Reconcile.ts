/**
 * Reconciling a create whose outcome is unknown. SignalWire documents no idempotency key: a
 * create that timed out, lost its connection or got a 5xx may or may not have placed the call,
 * and sending it again may place a second one. The way to know is to look:
 *
 * - `findCreatedCalls(error)` lists the calls the failed request may have placed;
 * - `reconcile()` does it for you when given to `createCall` as its `reconcile` option: on an
 *   ambiguous outcome it waits a grace period, looks, and succeeds with the call when exactly
 *   one is found. It never sends the request again unless `resendIfNone` is set, because a list
 *   can lag behind a create: a call placed a moment ago may not be listed yet, and sending again
 *   then places it twice.
 *
 * Import it alone (`@effect-signalwire/client/Reconcile`); an app that never reconciles does
 * not carry its code.
 *
 * @since 0.1.0
 */
import type { Call } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import type { ListCallsError } from "./CallControlError.js"
import { operation } from "./internal/callControl.js"
import * as ListCallsPage from "./internal/listCallsPage.js"
import type { Settle } from "./internal/createCall.js"
import * as internal from "./internal/reconcile.js"
import { SignalWireClient } from "./SignalWireClient.js"

/**
 * A create's failure after which the call may exist: `OutcomeUnknown` or `ServerError`. Both
 * carry the `request` and when it was sent (`sentAt`).
 *
 * @since 0.1.0
 * @category models
 */
export type AmbiguousCreate = internal.Ambiguous

/**
 * Whether a create's failure is ambiguous: the call may exist.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * ```ts
 * import { CreateCallError, isAmbiguousCreate } from "@effect-signalwire/client"
 *
 * // A 400 was answered: nothing to reconcile.
 * assert.strictEqual(isAmbiguousCreate(new CreateCallError.ApiRejected({ status: 400, detail: "bad", errors: [] })), false)
 * ```
 */
export const isAmbiguousCreate = internal.isAmbiguous

/**
 * Options of `findCreatedCalls`: `margin`, how far a call's `dateCreated` may be from the
 * request's `sentAt` (default 30 seconds: SignalWire's clock and ours may differ, and its times
 * are whole seconds).
 *
 * @since 0.1.0
 * @category models
 */
export interface FindOptions extends internal.FindOptions {}

/**
 * Options of `reconcile`: `gracePeriod` before looking (default 5 seconds), `margin` as for
 * `findCreatedCalls`, and `resendIfNone` (default false): send the request again, once, when no
 * call is found.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReconcileOptions extends internal.ReconcileOptions {}

/**
 * Lists this project's outbound calls to the failed request's `to` from its `from`, created
 * from `sentAt` minus the margin until now plus the margin, newest first. Empty: the call was
 * (probably) not placed, though a list can lag a few seconds behind a create; one: that is the
 * call; several: other calls to the same number fall in the window too (decide from their
 * times or status).
 *
 * @since 0.1.0
 * @category reconciling
 * @example
 * ```ts
 * import { createCall, findCreatedCalls } from "@effect-signalwire/client"
 * import { Effect } from "effect"
 *
 * export const program = createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }).pipe(
 *   Effect.catchTag("OutcomeUnknown", (error) =>
 *     Effect.sleep("5 seconds").pipe(
 *       Effect.zipRight(findCreatedCalls(error)),
 *       Effect.flatMap((calls) => calls.length === 1 ? Effect.succeed(calls[0]!) : Effect.fail(error))
 *     ))
 * )
 * ```
 */
export const findCreatedCalls = (
  error: AmbiguousCreate,
  options?: FindOptions
): Effect.Effect<ReadonlyArray<Call.Call>, ListCallsError, SignalWireClient> =>
  Effect.flatMap(SignalWireClient, (client) => internal.findCreatedCalls(operation(client.control, "listCallsPage", ListCallsPage.make))(error, options))

/**
 * The `reconcile` option of `createCall`: on an `OutcomeUnknown` or a `ServerError`, wait the
 * grace period, `findCreatedCalls`, and succeed with the call if exactly one is found. Several
 * candidates, none (without `resendIfNone`), or a list that fails too: the create fails with its
 * original error. With `resendIfNone`, a create that found nothing is sent once more (and its
 * own ambiguous outcome reconciled, never resent).
 *
 * @since 0.1.0
 * @category reconciling
 * @example
 * ```ts
 * import { createCall, reconcile } from "@effect-signalwire/client"
 *
 * export const program = createCall(
 *   { to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" },
 *   { reconcile: reconcile({ gracePeriod: "5 seconds", resendIfNone: true }) }
 * )
 * ```
 */
export const reconcile = (options: ReconcileOptions = {}): Settle => internal.reconciled(options)
