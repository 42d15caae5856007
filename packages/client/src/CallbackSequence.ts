/**
 * Status callbacks are delivered at least once, not exactly once, and not necessarily in order:
 * SignalWire retries a delivery that failed or timed out (so the same callback can arrive twice),
 * deliveries run concurrently (so `completed` can overtake `ringing`), and any can arrive late.
 * Each status callback of a call carries `SequenceNumber`, counting from 0 in the order the events
 * happened; this module uses it to de-duplicate and order a call's callbacks.
 *
 * - {@link ordered}: a batch sorted by call then sequence number, duplicates dropped.
 * - {@link make}: a tracker for a running receiver, which says of each callback whether it is
 *   `New` (never seen, and later than every one seen for its call), `Late` (never seen, but a
 *   later one of its call was already seen: don't let it overwrite newer state) or `Duplicate`.
 *
 * The tracker lives in memory, in one process: with several instances, or across restarts, key
 * your own store on `(callSid, sequenceNumber)` instead.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"

/**
 * What the helpers need of a callback (`StatusCallback` has both).
 *
 * @since 0.1.0
 * @category models
 */
export interface Sequenced {
  readonly callSid: string
  readonly sequenceNumber: number
}

/**
 * The callbacks grouped by call (calls in order of their first callback in the input), each call's
 * in sequence-number order, the second and later copies of a sequence number dropped.
 *
 * @since 0.1.0
 * @category ordering
 * @example
 * ```ts
 * import { CallbackSequence } from "@effect-signalwire/client"
 *
 * const received = [
 *   { callSid: "a", sequenceNumber: 2, callStatus: "completed" },
 *   { callSid: "a", sequenceNumber: 0, callStatus: "ringing" },
 *   { callSid: "a", sequenceNumber: 2, callStatus: "completed" },
 *   { callSid: "a", sequenceNumber: 1, callStatus: "in-progress" }
 * ]
 * console.log(CallbackSequence.ordered(received).map((c) => c.callStatus)) // ringing, in-progress, completed
 * ```
 */
export const ordered = <A extends Sequenced>(callbacks: Iterable<A>): Array<A> => {
  const calls = new Map<string, Map<number, A>>()
  for (const callback of callbacks) {
    let call = calls.get(callback.callSid)
    if (call === undefined) calls.set(callback.callSid, call = new Map())
    if (!call.has(callback.sequenceNumber)) call.set(callback.sequenceNumber, callback)
  }
  return Array.from(calls.values()).flatMap((call) => Array.from(call.values()).sort((a, b) => a.sequenceNumber - b.sequenceNumber))
}

/**
 * What the tracker says of a callback.
 *
 * @since 0.1.0
 * @category models
 */
export type Verdict = "New" | "Late" | "Duplicate"

/**
 * @since 0.1.0
 * @category models
 */
export interface Tracker {
  /** Records the callback and says whether it is `New`, `Late` or a `Duplicate`. */
  readonly observe: (callback: Sequenced) => Effect.Effect<Verdict>
  /** Forgets a call (e.g. some time after its final callback was handled). */
  readonly forget: (callSid: string) => Effect.Effect<void>
}

interface CallState {
  readonly highest: number
  readonly seen: ReadonlySet<number>
}

/**
 * A tracker of the callbacks seen, per call.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { CallbackSequence } from "@effect-signalwire/client"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function*() {
 *   const tracker = yield* CallbackSequence.make
 *   const callSid = "b3877c40-da60-4998-90ad-b792e98472ca"
 *   yield* tracker.observe({ callSid, sequenceNumber: 1 }) // "New"
 *   yield* tracker.observe({ callSid, sequenceNumber: 0 }) // "Late": ringing arrived after answered
 *   return yield* tracker.observe({ callSid, sequenceNumber: 1 }) // "Duplicate"
 * })
 * Effect.runPromise(program).then(console.log)
 * ```
 */
export const make: Effect.Effect<Tracker> = Effect.map(Ref.make(new Map<string, CallState>()), (calls) => ({
  observe: (callback) =>
    Ref.modify(calls, (current): [Verdict, Map<string, CallState>] => {
      const state = current.get(callback.callSid)
      if (state?.seen.has(callback.sequenceNumber)) return ["Duplicate", current]
      const verdict: Verdict = state === undefined || callback.sequenceNumber > state.highest ? "New" : "Late"
      const next = new Map(current)
      next.set(callback.callSid, {
        highest: Math.max(state?.highest ?? -1, callback.sequenceNumber),
        seen: new Set(state?.seen ?? []).add(callback.sequenceNumber)
      })
      return [verdict, next]
    }),
  forget: (callSid) =>
    Ref.update(calls, (current) => {
      const next = new Map(current)
      next.delete(callSid)
      return next
    })
}))
