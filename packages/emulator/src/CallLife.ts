/**
 * How an emulated call lives: the time it spends in each status, and how it ends.
 *
 * Every created call plays `queued → initiated → ringing → in-progress → completed`, unless an
 * {@link OutcomeRule} matching its destination scripts another ending:
 *
 * - `busy`, `failed`: `queued → initiated → busy | failed` (it never rings);
 * - `no-answer`: it rings for the ring time (at most the request's `Timeout`), then `no-answer`;
 * - `canceled`: it rings, then is canceled (as if `Status=canceled` had been sent);
 * - `completed`: it rings, is answered, talks for the talk time, then `completed`. If the ring
 *   time is longer than the request's `Timeout`, it ends `no-answer` after `Timeout` seconds.
 *
 * When the request asked for machine detection, the answered call's `answered_by` is the rule's
 * `answeredBy` (`human` by default).
 *
 * The waits run on Effect's `Clock`, so `TestClock.adjust` plays a call's life in a test.
 *
 * @since 0.1.0
 */
import { AnsweredBy } from "@effect-signalwire/schema"
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"

/**
 * How long a call stays in each status before the next one.
 *
 * @since 0.1.0
 * @category models
 */
export interface Timings {
  /** `queued` → `initiated` */
  readonly queued: Duration.DurationInput
  /** `initiated` → `ringing` (or → `busy` / `failed`) */
  readonly initiated: Duration.DurationInput
  /** `ringing` → `in-progress` (or → `no-answer` / `canceled`) */
  readonly ringing: Duration.DurationInput
  /** `in-progress` → `completed`: the talk time */
  readonly inProgress: Duration.DurationInput
}

/**
 * A call's whole life in 6 seconds: 0.5 s queued, 0.5 s initiated, 2 s ringing, 3 s talking.
 *
 * @since 0.1.0
 * @category defaults
 * @example
 * ```ts
 * import { CallLife } from "@effect-signalwire/emulator"
 * import { Duration } from "effect"
 *
 * // About 6 seconds from queued to completed.
 * assert.strictEqual(Duration.toMillis(CallLife.defaultTimings.ringing), 2000)
 * ```
 */
export const defaultTimings: Timings = {
  queued: "500 millis",
  initiated: "500 millis",
  ringing: "2 seconds",
  inProgress: "3 seconds"
}

/**
 * How a call ends.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CallLife } from "@effect-signalwire/emulator"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(CallLife.Outcome)("no-answer"), true)
 * ```
 */
export const Outcome = Schema.Literal("completed", "busy", "no-answer", "failed", "canceled")

/**
 * @since 0.1.0
 * @category models
 */
export type Outcome = typeof Outcome.Type

const DurationInput = Schema.Union(
  Schema.NonNegative,
  Schema.String.pipe(Schema.filter((s) => Option.isSome(Duration.decodeUnknown(s)), {
    message: () => "must be a duration such as \"2 seconds\" or \"500 millis\", or a number of milliseconds"
  }))
).annotations({ identifier: "DurationInput" }) as Schema.Schema<Duration.DurationInput, number | string>

const isRegExp = (source: string) => {
  try {
    new RegExp(source)
    return true
  } catch {
    return false
  }
}

/**
 * Scripts the outcome of calls by destination. A rule matches a call whose `To` equals `to`,
 * or matches the regular expression `toPattern`, or (with neither) every call. The first
 * matching rule wins; `ring` and `talk` override the default timings for the calls it matches.
 * Plain data, so rules can be sent to the emulator's admin endpoint as JSON too.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import type { CallLife } from "@effect-signalwire/emulator"
 *
 * const busy: CallLife.OutcomeRule = { to: "+13105550100", outcome: "busy" }
 * const voicemail: CallLife.OutcomeRule = { toPattern: "^\\+1310555", outcome: "completed", answeredBy: "machine_end_beep" }
 * ```
 * @example
 * ```ts
 * import { CallLife } from "@effect-signalwire/emulator"
 * import { Schema } from "effect"
 *
 * // The JSON of PUT /__emulator/outcomes: durations as milliseconds or "2 seconds".
 * const rule = Schema.decodeUnknownSync(CallLife.OutcomeRule)({ toPattern: "^\\+1310555", outcome: "busy", ring: "3 seconds" })
 * assert.strictEqual(rule.outcome, "busy")
 * ```
 */
export const OutcomeRule = Schema.Struct({
  to: Schema.optional(Schema.String),
  toPattern: Schema.optional(Schema.String.pipe(Schema.filter(isRegExp, { message: () => "must be a regular expression" }))),
  outcome: Outcome,
  answeredBy: Schema.optional(AnsweredBy.KnownAnsweredBy),
  ring: Schema.optional(DurationInput),
  talk: Schema.optional(DurationInput)
}).annotations({ identifier: "OutcomeRule" })

/**
 * @since 0.1.0
 * @category models
 */
export interface OutcomeRule extends Schema.Schema.Type<typeof OutcomeRule> {}

/**
 * Destinations with a scripted outcome, checked after your own rules (every other destination
 * completes, answered by a human):
 *
 * | To | outcome |
 * | --- | --- |
 * | `+15005550001` | `failed` |
 * | `+15005550002` | `busy` |
 * | `+15005550003` | `no-answer` |
 * | `+15005550004` | `canceled` |
 * | `+15005550005` | `completed`, answered by a machine (`machine_end_beep`) when detection was asked |
 *
 * @since 0.1.0
 * @category defaults
 * @example
 * ```ts
 * import { CallLife } from "@effect-signalwire/emulator"
 *
 * assert.strictEqual(CallLife.resolve(CallLife.defaultOutcomeRules, "+15005550002").outcome, "busy")
 * ```
 */
export const defaultOutcomeRules: ReadonlyArray<OutcomeRule> = [
  { to: "+15005550001", outcome: "failed" },
  { to: "+15005550002", outcome: "busy" },
  { to: "+15005550003", outcome: "no-answer" },
  { to: "+15005550004", outcome: "canceled" },
  { to: "+15005550005", outcome: "completed", answeredBy: "machine_end_beep" }
]

/**
 * Whether a rule applies to a call to `to`.
 *
 * @since 0.1.0
 * @category predicates
 * @example
 * ```ts
 * import { CallLife } from "@effect-signalwire/emulator"
 *
 * assert.strictEqual(CallLife.matches({ toPattern: "^\\+1310", outcome: "busy" }, "+13105678901"), true)
 * assert.strictEqual(CallLife.matches({ to: "+13105550100", outcome: "busy" }, "+13105678901"), false)
 * ```
 */
export const matches = (rule: OutcomeRule, to: string): boolean =>
  (rule.to === undefined || rule.to === to) && (rule.toPattern === undefined || new RegExp(rule.toPattern).test(to))

/**
 * What a call to `to` will do: the first matching rule, or a completed call answered by a human.
 *
 * @since 0.1.0
 * @category resolving
 * @example
 * ```ts
 * import { CallLife } from "@effect-signalwire/emulator"
 *
 * const rules: ReadonlyArray<CallLife.OutcomeRule> = [{ to: "+13105550100", outcome: "busy" }, ...CallLife.defaultOutcomeRules]
 * assert.strictEqual(CallLife.resolve(rules, "+13105550100").outcome, "busy")
 * // No rule matches: the call is answered and completes.
 * assert.strictEqual(CallLife.resolve(rules, "+13105678901").outcome, "completed")
 * ```
 */
export const resolve = (rules: ReadonlyArray<OutcomeRule>, to: string): OutcomeRule =>
  rules.find((rule) => matches(rule, to)) ?? { outcome: "completed" }
