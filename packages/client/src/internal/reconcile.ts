/**
 * @internal
 * Reconciling an ambiguous create: list the calls it may have placed, and (opted in) settle it.
 */
import type { Call, CallPage } from "@effect-signalwire/schema"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as CallControlError from "../CallControlError.js"
import type * as CreateCallError from "../CreateCallError.js"
import { operation, type PageOptions } from "./callControl.js"
import * as ListCallsPageOperation from "./listCallsPage.js"
import type { Settle } from "./createCall.js"

/** @internal A create's failure after which the call may exist (or, unreadable, does). */
export type Ambiguous = CreateCallError.OutcomeUnknown | CreateCallError.ServerError | CreateCallError.PlacedButUnreadable

/** @internal */
export const isAmbiguous = (error: CreateCallError.CreateCallError): error is Ambiguous =>
  error._tag === "OutcomeUnknown" || error._tag === "ServerError" || error._tag === "PlacedButUnreadable"

/** @internal */
export interface FindOptions {
  /** How far `dateCreated` may be from the request's send time (clock skew, whole seconds). */
  readonly margin?: Duration.DurationInput | undefined
}

/** @internal */
export const defaultMargin = Duration.seconds(30)

/** @internal */
export interface ReconcileOptions extends FindOptions {
  /** How long to wait before looking: a list can lag behind a create. Default 5 seconds. */
  readonly gracePeriod?: Duration.DurationInput | undefined
  /** Send the request again when no call is found (at most once). Default false. */
  readonly resendIfNone?: boolean | undefined
}

/** @internal */
export const defaultGracePeriod = Duration.seconds(5)

/** @internal One page of the calls to `to` from `from`, or the page a cursor names. */
export type ListCallsPage = (
  filter?: { readonly to: string; readonly from: string },
  options?: PageOptions
) => Effect.Effect<CallPage.CallPage, CallControlError.ListCallsError>

/** @internal The calls to the request's `to` from its `from`, created from `sentAt - margin` until now + margin. */
export const findCreatedCalls = (listCallsPage: ListCallsPage) =>
(error: Ambiguous, options?: FindOptions) =>
  Effect.withSpan(
    Effect.gen(function*() {
      const margin = Duration.toMillis(options?.margin ?? defaultMargin)
      const earliest = error.sentAt.getTime() - margin
      const latest = (yield* Clock.currentTimeMillis) + margin
      const candidates: Array<Call.Call> = []
      let page = yield* listCallsPage({ to: error.request.to, from: error.request.from })
      while (true) {
        // The list is newest first: stop at the first call created before the window.
        const older = page.calls.findIndex((call) => call.dateCreated.getTime() < earliest)
        const inWindow = older === -1 ? page.calls : page.calls.slice(0, older)
        candidates.push(...inWindow.filter((call) => call.dateCreated.getTime() <= latest && (call.direction === null || call.direction.startsWith("outbound"))))
        if (older !== -1 || page.nextPageUri === null) break
        page = yield* listCallsPage(undefined, { cursor: page.nextPageUri })
      }
      yield* Effect.annotateCurrentSpan("signalwire.candidates", candidates.length)
      return candidates as ReadonlyArray<Call.Call>
    }),
    "SignalWireClient.findCreatedCalls"
  )

/**
 * @internal
 * Runs a create; on an ambiguous outcome, waits the grace period, looks, and succeeds with the
 * one call found. Several candidates, none (unless resending is allowed), or a failed look
 * fail with the original error.
 */
export const reconciled = (options: ReconcileOptions): Settle => (attempt, control) => {
  const find = findCreatedCalls(operation(control, "listCallsPage", ListCallsPageOperation.make))
  const settle = (error: Ambiguous, mayResend: boolean): Effect.Effect<Call.Call, CreateCallError.CreateCallError> =>
    Effect.gen(function*() {
      yield* Effect.sleep(options.gracePeriod ?? defaultGracePeriod)
      const found = yield* Effect.either(find(error, options))
      if (Either.isLeft(found)) {
        yield* Effect.logWarning("SignalWire Create Call: could not reconcile, the list failed").pipe(
          Effect.annotateLogs({ reason: found.left._tag })
        )
        return yield* Effect.fail(error)
      }
      const candidates = found.right
      if (candidates.length === 1) {
        yield* Effect.annotateCurrentSpan("signalwire.reconciled", true)
        yield* Effect.logInfo("SignalWire Create Call: reconciled, the call was placed").pipe(
          Effect.annotateLogs({ reason: error._tag, sid: candidates[0]!.sid })
        )
        return candidates[0]!
      }
      // A call that was placed (an unreadable 2xx) is never sent again.
      if (candidates.length === 0 && mayResend && error._tag !== "PlacedButUnreadable") {
        yield* Effect.logInfo("SignalWire Create Call: no call found after the grace period, sending again").pipe(
          Effect.annotateLogs({ reason: error._tag })
        )
        return yield* attempt.pipe(Effect.catchIf(isAmbiguous, (again) => settle(again, false)))
      }
      yield* Effect.logWarning(`SignalWire Create Call: not reconciled, ${candidates.length} candidate calls`).pipe(
        Effect.annotateLogs({ reason: error._tag })
      )
      return yield* Effect.fail(error)
    })
  return attempt.pipe(Effect.catchIf(isAmbiguous, (error) => settle(error, options.resendIfNone === true)))
}
