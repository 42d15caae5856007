/**
 * The `PlaceCall` activity: exactly once, or a reported reason.
 *
 * @internal
 */
import type * as CreateCallError from "@effect-signalwire/client/CreateCallError"
import * as SignalWireClient from "@effect-signalwire/client/SignalWireClient"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as CallLookup from "../CallLookup.js"
import type * as CampaignItem from "../CampaignItem.js"
import { isSettled } from "../CampaignItem.js"
import type { CampaignOptions } from "../CampaignOptions.js"
import * as CampaignPacer from "../CampaignPacer.js"
import * as CampaignStore from "../CampaignStore.js"

// A database hiccup is retried for a while; past that the activity dies and the workflow engine
// runs it again later (the store keeps it safe to).
const storeRetry = Schedule.exponential("200 millis").pipe(
  Schedule.union(Schedule.spaced("5 seconds")),
  Schedule.upTo("2 minutes")
)
const durable = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, never, R> =>
  effect.pipe(Effect.retry(storeRetry), Effect.orDie)

/** The request provably was not processed: it may be sent again. */
const notProcessed = (error: CreateCallError.CreateCallError): boolean =>
  error._tag === "RateLimited" || (error._tag === "TransportError" && error.reason === "Connect")

const failure = (tag: string, message: string): CampaignItem.ItemFailure => ({ tag, message })

/** @internal */
export const placeCall = (
  campaignId: string,
  itemId: string,
  options: CampaignOptions
): Effect.Effect<
  CampaignItem.ItemOutcome,
  never,
  CampaignStore.CampaignStore | CampaignPacer.CampaignPacer | CallLookup.CallLookup | SignalWireClient.SignalWireClient
> =>
  Effect.gen(function*() {
    const store = yield* CampaignStore.CampaignStore
    const pacer = yield* CampaignPacer.CampaignPacer
    const lookup = yield* CallLookup.CallLookup
    const client = yield* SignalWireClient.SignalWireClient
    // Records the outcome (an item settled earlier keeps its own) and ends the loop.
    const settle = (outcome: CampaignItem.ItemOutcome): Effect.Effect<Option.Option<CampaignItem.ItemOutcome>> =>
      Effect.asSome(durable(store.settle(campaignId, itemId, outcome)))

    const reconcile = (
      item: CampaignStore.StoredItem,
      sending: { readonly sentAt: number; readonly attempts: number },
      why: string,
      placedForSure = false
    ): Effect.Effect<Option.Option<CampaignItem.ItemOutcome>> =>
      Effect.gen(function*() {
        yield* Effect.sleep(options.reconcileGraceMillis)
        const found = yield* Effect.either(lookup.findCreatedCalls(item.request, new Date(sending.sentAt)))
        if (Either.isLeft(found)) {
          return yield* settle({
            _tag: "Unknown",
            failure: failure(found.left._tag, found.left.message),
            sentAt: sending.sentAt,
            attempts: sending.attempts
          })
        }
        const calls = found.right
        if (calls.length === 1) {
          return yield* settle({
            _tag: "Placed",
            sid: calls[0]!.sid,
            attempts: sending.attempts,
            reconciled: true
          })
        }
        if (calls.length > 1) {
          return yield* settle({
            _tag: "Unknown",
            failure: failure(
              "Ambiguous",
              `${calls.length} calls to ${item.request.to} match (${calls.map((call) => call.sid).join(", ")})`
            ),
            sentAt: sending.sentAt,
            attempts: sending.attempts
          })
        }
        if (options.resendWhenNotFound && !placedForSure && sending.attempts < options.maxAttempts) {
          // Not found after the grace period: send again (the caller opted into trusting the list).
          yield* durable(store.release(campaignId, itemId))
          return Option.none()
        }
        return yield* settle({
          _tag: "Unknown",
          failure: failure(
            "NotFound",
            `${why}, and no call to ${item.request.to} created since ${new Date(sending.sentAt).toISOString()} was found`
          ),
          sentAt: sending.sentAt,
          attempts: sending.attempts
        })
      }).pipe(Effect.withSpan("PlaceCall.reconcile"))

    // One pass: settled (Some) or back to pending for another send (None).
    const step: Effect.Effect<Option.Option<CampaignItem.ItemOutcome>> = Effect.gen(function*() {
      const stored = yield* durable(store.item(campaignId, itemId))
      if (Option.isNone(stored)) {
        return yield* Effect.die(new Error(`Campaign ${campaignId} has no item ${itemId}`))
      }
      const item = stored.value
      const state = item.state
      if (isSettled(state)) return Option.some<CampaignItem.ItemOutcome>(state)
      if (state._tag === "Sending") {
        return yield* reconcile(item, state, "a run stopped after recording the send and before its outcome")
      }

      if (state.attempts >= options.maxAttempts) {
        return yield* settle({
          _tag: "Failed",
          failure: failure("AttemptsExhausted", `not processed after ${state.attempts} attempt(s)`),
          attempts: state.attempts
        })
      }
      const now = yield* Clock.currentTimeMillis
      if (options.notBefore !== undefined && now < options.notBefore) {
        yield* Effect.sleep(options.notBefore - now)
      }
      yield* pacer.acquire(options.pacerKey ?? "default", options.callsPerSecond, options.pacingMarginMillis)
      const sentAt = yield* Clock.currentTimeMillis
      if (options.notAfter !== undefined && sentAt > options.notAfter) {
        return yield* settle({
          _tag: "Failed",
          failure: failure("WindowClosed", `not sent by ${new Date(options.notAfter).toISOString()}`),
          attempts: state.attempts
        })
      }
      // From the claim to the answer, a stop (not a crash) lets the send finish and be recorded:
      // interrupting it there would leave the outcome to a lookup.
      return yield* Effect.uninterruptibleMask((restore) =>
        Effect.gen(function*() {
          const claimed = yield* durable(store.claim(campaignId, itemId, sentAt))
          if (Option.isNone(claimed) || claimed.value._tag !== "Sending") return Option.none()
          const sending = claimed.value

          // The send runs interruptibly in its own fiber (its timeouts must be able to cancel it),
          // awaited here where a stop cannot interrupt the wait.
          const result = yield* Effect.either(Fiber.join(yield* Effect.fork(Effect.interruptible(client.createCall(item.request)))))
          if (Either.isRight(result)) {
            return yield* settle({
              _tag: "Placed",
              sid: result.right.sid,
              attempts: sending.attempts,
              reconciled: false
            })
          }
          const error = result.left
          if (error._tag === "PlacedButUnreadable" && error.sid !== undefined) {
            // Placed for sure, and the sid is known though the rest of the answer was not readable.
            return yield* settle({ _tag: "Placed", sid: error.sid, attempts: sending.attempts, reconciled: false })
          }
          if (error._tag === "OutcomeUnknown" || error._tag === "ServerError" || error._tag === "PlacedButUnreadable") {
            return yield* restore(reconcile(
              item,
              sending,
              `the create's outcome is unknown (${error._tag}: ${error.message})`,
              error._tag === "PlacedButUnreadable"
            ))
          }
          if (notProcessed(error)) {
            yield* durable(store.release(campaignId, itemId))
            return Option.none()
          }
          return yield* settle({
            _tag: "Failed",
            failure: failure(error._tag, error.message),
            attempts: sending.attempts
          })
        })
      )
    })

    const loop: Effect.Effect<CampaignItem.ItemOutcome> = Effect.flatMap(
      step,
      Option.match({ onNone: () => loop, onSome: Effect.succeed })
    )
    return yield* loop
  }).pipe(
    Effect.withSpan("PlaceCall", { attributes: { campaignId, itemId } })
  )
