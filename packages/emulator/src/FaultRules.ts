/**
 * The fault rules in force, as a service of their own: added and cleared by tests (or
 * `POST` / `DELETE /__emulator/faults`), taken by `FaultMiddleware` for each API request before
 * any route sees it. The engine (`Emulator`) knows nothing of them.
 *
 * Every rule that matches a request applies, in the order the rules were added: delays add up,
 * the first rule that answers ends the request and the rules after it are not used up. A rule
 * with `times` is used up after that many matching requests.
 *
 * @since 0.1.0
 */
import * as Arr from "effect/Array"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Fault from "./Fault.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The rules in force, `times` counting what is left. */
  readonly rules: Effect.Effect<ReadonlyArray<Fault.FaultRule>>
  readonly add: (rule: Fault.FaultRule) => Effect.Effect<void>
  readonly clear: Effect.Effect<void>
  /** The faults to apply to a request, in order; each matching rule's count goes down by one. */
  readonly take: (request: { readonly operation: Fault.Operation; readonly accountSid: string }) => Effect.Effect<ReadonlyArray<Fault.Fault>>
}

/**
 * @since 0.1.0
 * @category tags
 * @example
 * ```ts
 * import { Fault, FaultRules } from "@effect-signalwire/emulator"
 * import { Effect } from "effect"
 *
 * const rules = await Effect.runPromise(
 *   Effect.gen(function*() {
 *     const faults = yield* FaultRules.FaultRules
 *     yield* faults.add({ fault: Fault.rateLimited("1 second"), operation: "createCall", times: 2 })
 *     return yield* faults.rules
 *   }).pipe(Effect.provide(FaultRules.layer()))
 * )
 * assert.strictEqual(rules[0]?.times, 2)
 * ```
 */
export class FaultRules extends Context.Tag("@effect-signalwire/emulator/FaultRules")<FaultRules, Service>() {}

interface Entry {
  readonly rule: Fault.FaultRule
  readonly remaining: number
}

const entryOf = (rule: Fault.FaultRule): Entry => ({ rule, remaining: rule.times ?? Infinity })

/**
 * Fault rules held in memory, starting with `initial`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Fault, FaultRules } from "@effect-signalwire/emulator"
 * import { Effect } from "effect"
 *
 * const taken = await Effect.runPromise(
 *   Effect.gen(function*() {
 *     const faults = yield* FaultRules.make([{ fault: Fault.serverError(503), times: 1 }])
 *     const first = yield* faults.take({ operation: "listCalls", accountSid: "b3877c40-da60-4998-90ad-b792e98472af" })
 *     const second = yield* faults.take({ operation: "listCalls", accountSid: "b3877c40-da60-4998-90ad-b792e98472af" })
 *     return [first.length, second.length]
 *   })
 * )
 * assert.deepStrictEqual(taken, [1, 0])
 * ```
 */
export const make = (initial: ReadonlyArray<Fault.FaultRule> = []): Effect.Effect<Service> =>
  Effect.map(Ref.make<ReadonlyArray<Entry>>(initial.map(entryOf)), (entries): Service => ({
    rules: Effect.map(Ref.get(entries), (all) =>
      all.map(({ remaining, rule }) => ({ ...rule, ...(Number.isFinite(remaining) ? { times: remaining } : {}) }))),
    add: (rule) => Ref.update(entries, Arr.append(entryOf(rule))),
    clear: Ref.set(entries, []),
    take: (request) =>
      Ref.modify(entries, (all) => {
        const matched: Array<Fault.Fault> = []
        const next = all.flatMap((entry) => {
          const answered = matched.some((fault) => fault._tag !== "Delay")
          if (answered || !Fault.appliesTo(entry.rule, request)) return [entry]
          matched.push(entry.rule.fault)
          return entry.remaining > 1 ? [{ ...entry, remaining: entry.remaining - 1 }] : []
        })
        return [matched, next] as const
      })
  }))

/**
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { Fault, FaultRules } from "@effect-signalwire/emulator"
 *
 * // Every create answered 503 once, from the start.
 * export const Flaky = FaultRules.layer([{ fault: Fault.serverError(503), operation: "createCall", times: 1 }])
 * ```
 */
export const layer = (initial?: ReadonlyArray<Fault.FaultRule>): Layer.Layer<FaultRules> => Layer.effect(FaultRules, make(initial))
