/**
 * When `createCall` sends a request again, and how long it waits first.
 *
 * Creating a call is not idempotent: SignalWire documents no idempotency key, so sending a
 * create twice may place two calls (and bill both). A policy is a `Schedule` (the delays and
 * how many retries) and a predicate (which failures may be retried at all). The default
 * predicate, `isNotProcessed`, accepts only failures where the request provably was not
 * processed: a 429 and a connection that was never made. A timeout, a lost connection or a
 * 5xx after the request was sent is an ambiguous outcome and is never retried by default.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Schedule from "effect/Schedule"
import type { CreateCallError } from "./CreateCallError.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface RetryPolicy {
  /** The delays between attempts and when to stop; its input is the failure of the last attempt. */
  readonly schedule: Schedule.Schedule<unknown, CreateCallError>
  /** Whether a failure may be retried at all; checked before the schedule. */
  readonly isRetryable: (error: CreateCallError) => boolean
}

/**
 * True for the failures where the request provably was not processed: `RateLimited` (429) and
 * a `TransportError` in the connect phase (refused, DNS, connect timeout).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isNotProcessed = (error: CreateCallError): boolean =>
  error._tag === "RateLimited" || (error._tag === "TransportError" && error.reason === "Connect")

/**
 * Waits as long as a 429's `Retry-After` asks (at most `cap`); any other failure waits the
 * delay `schedule` gives.
 *
 * @since 0.1.0
 * @category schedules
 */
export const honourRetryAfter = <Out, R>(
  schedule: Schedule.Schedule<Out, CreateCallError, R>,
  cap: Duration.DurationInput
): Schedule.Schedule<Out, CreateCallError, R> => {
  const max = Duration.decode(cap)
  return schedule.pipe(
    Schedule.intersect(Schedule.identity<CreateCallError>()),
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
 */
export const backoff = (options?: {
  readonly base?: Duration.DurationInput | undefined
  readonly maxDelay?: Duration.DurationInput | undefined
  readonly times?: number | undefined
  readonly maxRetryAfter?: Duration.DurationInput | undefined
}): Schedule.Schedule<unknown, CreateCallError> => {
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
 */
export const safe: RetryPolicy = { schedule: backoff(), isRetryable: isNotProcessed }

/**
 * Never retry.
 *
 * @since 0.1.0
 * @category policies
 */
export const none: RetryPolicy = { schedule: Schedule.stop, isRetryable: () => false }

/**
 * A policy from a schedule and, optionally, a predicate (`isNotProcessed` unless given).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: {
  readonly schedule: Schedule.Schedule<unknown, CreateCallError>
  readonly isRetryable?: ((error: CreateCallError) => boolean) | undefined
}): RetryPolicy => ({ schedule: options.schedule, isRetryable: options.isRetryable ?? isNotProcessed })
