/**
 * When an operation sends a request again, and how long it waits first.
 *
 * Creating a call is not idempotent: SignalWire documents no idempotency key, so sending a
 * create twice may place two calls (and bill both). A policy is a `Schedule` (the delays and
 * how many retries) and a predicate (which failures may be retried at all). The default
 * predicate, `isNotProcessed`, accepts only failures where the request provably was not
 * processed: a 429 and a connection that was never made. A timeout, a lost connection or a
 * 5xx after the request was sent is an ambiguous outcome and is never retried by default.
 *
 * The call-control operations have policies of their own (`RetryPolicy<CallControlError>`):
 * reads, deletes and hang-ups are idempotent and retry transient failures too (`idempotent`);
 * a redirect restarts the call's instructions if applied twice, so it retries only what was
 * not processed (`redirect`), like a create.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Schedule from "effect/Schedule"
import type { CallControlError } from "./CallControlError.js"
import type { CreateCallError } from "./CreateCallError.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface RetryPolicy<E = CreateCallError> {
  /** The delays between attempts and when to stop; its input is the failure of the last attempt. */
  readonly schedule: Schedule.Schedule<unknown, E>
  /** Whether a failure may be retried at all; checked before the schedule. */
  readonly isRetryable: (error: E) => boolean
}

/**
 * A failure of any operation.
 *
 * @since 0.1.0
 * @category models
 */
export type AnyError = CreateCallError | CallControlError

/**
 * True for the failures where the request provably was not processed: `RateLimited` (429) and
 * a `TransportError` in the connect phase (refused, DNS, connect timeout).
 *
 * @since 0.1.0
 * @category predicates
 * @example
 * ```ts
 * import { CreateCallError, RetryPolicy } from "@effect-signalwire/client"
 *
 * const refused = new CreateCallError.TransportError({ reason: "Connect", code: "ECONNREFUSED", detail: "refused", attempts: 1 })
 * const gateway = new CreateCallError.ApiRejected({ status: 400, detail: "bad", errors: [] })
 * assert.strictEqual(RetryPolicy.isNotProcessed(refused), true)
 * assert.strictEqual(RetryPolicy.isNotProcessed(gateway), false)
 * ```
 */
export const isNotProcessed = (error: AnyError): boolean =>
  error._tag === "RateLimited" || (error._tag === "TransportError" && error.reason === "Connect")

/**
 * What an idempotent operation may send again: what was not processed, a 5xx
 * (`ServerFailure`) and a request that got no answer (`NoResponse`).
 *
 * @since 0.1.0
 * @category predicates
 * @example
 * ```ts
 * import { CallControlError, CreateCallError, RetryPolicy } from "@effect-signalwire/client"
 *
 * const failure = new CallControlError.ServerFailure({ status: 503, detail: "Service Unavailable", errors: [], operation: "Fetch Call", attempts: 1 })
 * assert.strictEqual(RetryPolicy.isTransient(failure), true)
 * assert.strictEqual(RetryPolicy.isTransient(new CreateCallError.ApiRejected({ status: 400, detail: "bad", errors: [] })), false)
 * ```
 */
export const isTransient = (error: AnyError): boolean =>
  isNotProcessed(error) || error._tag === "ServerFailure" || error._tag === "NoResponse"

/**
 * Waits as long as a 429's `Retry-After` asks (at most `cap`); any other failure waits the
 * delay `schedule` gives.
 *
 * @since 0.1.0
 * @category schedules
 * @example
 * ```ts
 * import { RetryPolicy } from "@effect-signalwire/client"
 * import { Schedule } from "effect"
 *
 * // Every second, up to 10 times; after a 429 with Retry-After, what it asks (up to 30 s).
 * export const steady = RetryPolicy.honourRetryAfter(Schedule.spaced("1 second").pipe(Schedule.intersect(Schedule.recurs(10))), "30 seconds")
 * ```
 */
export const honourRetryAfter = <Out, R, E extends AnyError = AnyError>(
  schedule: Schedule.Schedule<Out, E, R>,
  cap: Duration.DurationInput
): Schedule.Schedule<Out, E, R> => {
  const max = Duration.decode(cap)
  return schedule.pipe(
    Schedule.intersect(Schedule.identity<E>()),
    Schedule.modifyDelay(([, error], delay) =>
      error._tag === "RateLimited" && error.retryAfter !== undefined ? Duration.min(error.retryAfter, max) : delay
    ),
    Schedule.map(([out]) => out)
  )
}

/**
 * Jittered exponential backoff (`base`, doubling, each delay at most `maxDelay`) for at most
 * `times` retries, honouring `Retry-After` up to `maxRetryAfter`.
 *
 * @since 0.1.0
 * @category schedules
 * @example
 * ```ts
 * import { RetryPolicy } from "@effect-signalwire/client"
 *
 * // A batch job that can wait: up to 6 retries from 1 s, at most 20 s apart; Retry-After up to 1 minute.
 * export const patient = RetryPolicy.make({
 *   schedule: RetryPolicy.backoff({ times: 6, base: "1 second", maxDelay: "20 seconds", maxRetryAfter: "1 minute" })
 * })
 * ```
 */
export const backoff = (options?: {
  readonly base?: Duration.DurationInput | undefined
  readonly maxDelay?: Duration.DurationInput | undefined
  readonly times?: number | undefined
  readonly maxRetryAfter?: Duration.DurationInput | undefined
}): Schedule.Schedule<unknown, AnyError> => {
  const maxDelay = Duration.decode(options?.maxDelay ?? "5 seconds")
  return honourRetryAfter(
    Schedule.exponential(options?.base ?? "250 millis", 2).pipe(
      Schedule.jittered,
      Schedule.modifyDelay((_, delay) => Duration.min(delay, maxDelay)),
      Schedule.intersect(Schedule.recurs(options?.times ?? 3))
    ),
    options?.maxRetryAfter ?? "30 seconds"
  )
}

/**
 * The default: up to 3 retries of what was provably not processed, jittered exponential backoff
 * from 250 ms (at most 5 s), a 429's `Retry-After` honoured up to 30 s.
 *
 * @since 0.1.0
 * @category policies
 * @example
 * ```ts
 * import { RetryPolicy, SignalWireClient } from "@effect-signalwire/client"
 *
 * // The default: what was provably not processed, up to 3 retries with jittered backoff.
 * export const Live = SignalWireClient.layerConfig({ retry: RetryPolicy.safe })
 * assert.strictEqual(RetryPolicy.safe.isRetryable, RetryPolicy.isNotProcessed)
 * ```
 */
export const safe: RetryPolicy = { schedule: backoff(), isRetryable: isNotProcessed }

/**
 * Never retry.
 *
 * @since 0.1.0
 * @category policies
 * @example
 * ```ts
 * import { createCall, RetryPolicy } from "@effect-signalwire/client"
 *
 * // A user is waiting: no retry, a short timeout.
 * export const interactive = createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }, { retry: RetryPolicy.none, requestTimeout: "5 seconds" })
 * ```
 */
export const none: RetryPolicy<AnyError> = { schedule: Schedule.stop, isRetryable: () => false }

/**
 * The default of the idempotent call-control operations (`fetchCall`, list pages, `deleteCall`,
 * `hangUpCall` and status updates): up to 3 retries of a 429, a connection never made, a 5xx,
 * a timeout or a lost connection, with the same backoff as `safe`.
 *
 * @since 0.1.0
 * @category policies
 * @example
 * ```ts
 * import { CallControlError, CreateCallError, RetryPolicy } from "@effect-signalwire/client"
 *
 * const lost = new CallControlError.NoResponse({ reason: "ConnectionLost", detail: "socket hang up", operation: "Fetch Call", sentAt: new Date(), attempts: 1 })
 * // A read that got no answer may be sent again.
 * assert.strictEqual(RetryPolicy.idempotent.isRetryable(lost), true)
 * ```
 */
export const idempotent: RetryPolicy<CallControlError> = { schedule: /* @__PURE__ */ backoff(), isRetryable: isTransient }

/**
 * The default of a redirect (`updateCall` with `url` or `twiml`): applied twice, it restarts the
 * call's instructions, so only what was provably not processed is retried, as for a create.
 *
 * @since 0.1.0
 * @category policies
 * @example
 * ```ts
 * import { CallControlError, CreateCallError, RetryPolicy } from "@effect-signalwire/client"
 *
 * const lost = new CallControlError.NoResponse({ reason: "ConnectionLost", detail: "socket hang up", operation: "Update Call", sentAt: new Date(), attempts: 1 })
 * // The redirect may have been applied: not sent again.
 * assert.strictEqual(RetryPolicy.redirect.isRetryable(lost), false)
 * assert.strictEqual(RetryPolicy.redirect.isRetryable(new CreateCallError.RateLimited({ status: 429, detail: "slow down", errors: [], headers: {}, attempts: 1 })), true)
 * ```
 */
export const redirect: RetryPolicy<CallControlError> = { schedule: /* @__PURE__ */ backoff(), isRetryable: isNotProcessed }

/**
 * A policy from a schedule and, optionally, a predicate (`isNotProcessed` unless given).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { RetryPolicy } from "@effect-signalwire/client"
 * import { Schedule } from "effect"
 *
 * // Rate limits only, every 2 seconds, 5 times.
 * export const rateLimitsOnly = RetryPolicy.make({
 *   schedule: Schedule.spaced("2 seconds").pipe(Schedule.intersect(Schedule.recurs(5))),
 *   isRetryable: (error) => error._tag === "RateLimited"
 * })
 * ```
 */
export const make = <E extends AnyError = CreateCallError>(options: {
  readonly schedule: Schedule.Schedule<unknown, E>
  readonly isRetryable?: ((error: E) => boolean) | undefined
}): RetryPolicy<E> => ({ schedule: options.schedule, isRetryable: options.isRetryable ?? isNotProcessed })
