/**
 * @internal
 * The one request pipeline every operation runs through: base URL, Basic auth, JSON accepted,
 * User-Agent, trace headers, no redirect followed, a timeout per attempt, retries per the
 * operation's policy (only the retries that happen are logged), status matching and decoding.
 * What went wrong is described once, as a `Failure`; each operation turns it into its own
 * typed error.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as ApiErrorBody from "@effect-signalwire/schema/ApiErrorBody"
import type { ApiErrorBody as ApiErrorBodyType } from "@effect-signalwire/schema"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import type * as ParseResult from "effect/ParseResult"
import type * as RetryPolicy from "../RetryPolicy.js"
import type * as SignalWireConfig from "../SignalWireConfig.js"
import { describeCause, notSent } from "./transport.js"

/** @internal One attempt: its number (from 1) and when it was sent. */
export interface Attempt {
  readonly number: number
  readonly sentAt: Date
}

/** @internal What an error answer said: its status and SignalWire's error body, when it had one. */
export interface ApiErrorFields {
  readonly status: number
  readonly code?: number
  readonly detail: string
  readonly moreInfo?: string
  readonly errors: ReadonlyArray<ApiErrorBodyType.ApiErrorDetail>
}

/** @internal Everything that can go wrong with one attempt, whatever the operation. */
export type Failure =
  /** The request never left: refused, DNS, connect timeout, TLS; or it could not be built. */
  | {
    readonly _tag: "NotSent"
    readonly reason: "Connect" | "Tls" | "InvalidUrl" | "Encode"
    readonly code: string | undefined
    readonly detail: string
  }
  /** Sent (or maybe), and no answer: a timeout, a lost connection, a 2xx whose body broke off. */
  | { readonly _tag: "NoAnswer"; readonly reason: "Timeout" | "ConnectionLost"; readonly detail: string }
  /** A 4xx or 5xx. */
  | {
    readonly _tag: "ErrorStatus"
    readonly fields: ApiErrorFields
    readonly retryAfter: Duration.Duration | undefined
    readonly headers: Readonly<Record<string, string>>
  }
  /** A 1xx/3xx, or a 2xx whose body is not what the operation answers. */
  | {
    readonly _tag: "Unexpected"
    readonly status: number
    readonly contentType: string | undefined
    /** The whole body, as far as it was read. */
    readonly body: string
    readonly bodySnippet: string
    readonly detail: string
  }

/** @internal Wraps each attempt of a request: the client's pacing of creates. */
export type Pace = <X, Y, Z>(attempt: Effect.Effect<X, Y, Z>) => Effect.Effect<X, Y, Z>

/**
 * @internal
 * Evenly spaced slots, first come first served: each attempt takes the next free slot (at least
 * 1/cps seconds after the one before) and waits for it. A few lines on `Clock` rather than
 * Effect's `RateLimiter`, whose refill fiber needs a scope and whose code an app that never paces
 * would carry; an interrupted waiter's slot simply goes unused.
 */
export const makePacer = (callsPerSecond: number): Effect.Effect<Pace> =>
  Effect.map(Ref.make(0), (nextFree): Pace => {
    const interval = 1000 / callsPerSecond
    const wait = Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Effect.flatMap(
        Ref.modify(nextFree, (free) => {
          const slot = Math.max(now, free)
          return [slot - now, slot + interval] as const
        }),
        (millis) => millis > 0 ? Effect.sleep(millis) : Effect.void
      ))
    return (attempt) => Effect.zipRight(wait, attempt)
  })

/** @internal How one operation is sent and read. */
export interface Spec<A, E> {
  /** As the API reference names it: `Create Call`, `Fetch Call`... (logs and messages). */
  readonly name: string
  /** Its path is relative to the space's origin. */
  readonly request: HttpClientRequest.HttpClientRequest
  /** Reads a 2xx body; a `Left` says why it is not the answer (a detail for `Unexpected`). */
  readonly decode: (text: string) => Either.Either<A, string>
  readonly toError: (failure: Failure, attempt: Attempt) => E
  readonly retry: RetryPolicy.RetryPolicy<E>
  readonly timeout: Duration.Duration
  /** Wraps each attempt (the client's pacing of creates). */
  readonly pace?: Pace | undefined
}

/** @internal The answer and how many attempts it took. */
export interface Outcome<A> {
  readonly value: A
  readonly attempts: number
}

/** @internal Sends a spec and reads its answer. */
export type Send = <A, E extends { readonly _tag: string }>(spec: Spec<A, E>) => Effect.Effect<Outcome<A>, E>

const snippetLength = 512

/** @internal */
export const snippet = (text: string): string => text.length <= snippetLength ? text : `${text.slice(0, snippetLength)}…`

// `JSON.parse` itself: `Schema.parseJson` wraps the same call in a schema, and costs bytes and time.
const decodeJson = (text: string): Either.Either<unknown, undefined> => {
  try {
    return Either.right(JSON.parse(text))
  } catch {
    return Either.left(undefined)
  }
}

/**
 * @internal
 * A 2xx body decoded with `decode` (a schema's `decodeEither`; `what` names it in the detail of a
 * failure).
 */
export const jsonBody = <A>(decode: (json: unknown) => Either.Either<A, ParseResult.ParseError>, what: string) =>
(text: string): Either.Either<A, string> =>
  Either.match(decodeJson(text), {
    onLeft: () => Either.left(text.trim() === "" ? "the body is empty" : "the body is not JSON"),
    onRight: (json) => Either.mapLeft(decode(json), (error) => `the body is not ${what}: ${snippet(error.message)}`)
  })

/** @internal A 2xx whose body does not matter (`DELETE`'s 204). */
export const noBody = (): Either.Either<void, string> => Either.void

/**
 * @internal
 * A page link SignalWire gave (or a user handed back) as a path on the space: a link to another
 * host would carry the credentials there.
 */
export const pagePath = (origin: string, uri: string): Either.Either<string, string> => {
  if (uri.startsWith("/") && !uri.startsWith("//")) return Either.right(uri)
  try {
    const url = new URL(uri)
    if (url.origin === origin) return Either.right(`${url.pathname}${url.search}`)
  } catch {
    // not a URL: refused below
  }
  return Either.left(`a page link must be a path on the space (got ${JSON.stringify(snippet(uri))})`)
}

/** A `Retry-After` header: delta-seconds or an HTTP date (a date in the past means now). */
const parseRetryAfter = (value: string | undefined, now: number): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Duration.seconds(Number(trimmed))
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Duration.millis(Math.max(0, date - now))
}

const errorFields = (response: HttpClientResponse.HttpClientResponse, text: string): ApiErrorFields => {
  const status = response.status
  return Option.match(Option.flatMap(Either.getRight(decodeJson(text)), ApiErrorBody.decodeOption), {
    onNone: () => ({
      status,
      detail: text.trim() === ""
        ? `HTTP ${status} with an empty body`
        : `HTTP ${status} with a body that is not a SignalWire error (${
          response.headers["content-type"] ?? "no content type"
        }): ${snippet(text)}`,
      errors: []
    }),
    onSome: (error) => ({
      status,
      detail: error.message,
      errors: error.errors,
      ...(error.code !== undefined ? { code: error.code } : {}),
      ...(error.moreInfo !== undefined ? { moreInfo: error.moreInfo } : {})
    })
  })
}

const fromRequestError = (error: HttpClientError.HttpClientError): Failure => {
  if (error._tag === "ResponseError") return { _tag: "NoAnswer", reason: "ConnectionLost", detail: describeCause(error.cause) }
  switch (error.reason) {
    case "InvalidUrl":
    case "Encode":
      return { _tag: "NotSent", reason: error.reason, code: undefined, detail: describeCause(error.cause ?? error.description) }
    case "Transport": {
      const stopped = notSent(error.cause)
      return stopped === undefined
        ? { _tag: "NoAnswer", reason: "ConnectionLost", detail: describeCause(error.cause) }
        : { _tag: "NotSent", ...stopped }
    }
  }
}

const readAnswer = <A>(
  name: string,
  response: HttpClientResponse.HttpClientResponse,
  decode: (text: string) => Either.Either<A, string>
): Effect.Effect<A, Failure> => {
  const contentType = response.headers["content-type"]
  const unexpected = (text: string, detail: string): Failure => ({
    _tag: "Unexpected",
    status: response.status,
    contentType,
    body: text,
    bodySnippet: snippet(text),
    detail
  })
  // For an error status the status says enough when the body is lost.
  const errorAnswer = (response: HttpClientResponse.HttpClientResponse) =>
    Effect.flatMap(
      Effect.zip(Effect.orElseSucceed(response.text, () => ""), Clock.currentTimeMillis),
      ([text, now]): Effect.Effect<never, Failure> =>
        Effect.fail({
          _tag: "ErrorStatus",
          fields: errorFields(response, text),
          // Only a 429's is read (by `rateLimited`): a 503's Retry-After is not honoured.
          retryAfter: parseRetryAfter(response.headers["retry-after"], now),
          headers: { ...response.headers }
        })
    )
  return HttpClientResponse.matchStatus(response, {
    // A 2xx whose body was lost may have been processed.
    "2xx": (response) =>
      response.text.pipe(
        Effect.mapError((error): Failure => ({ _tag: "NoAnswer", reason: "ConnectionLost", detail: describeCause(error.cause) })),
        Effect.flatMap((text) => Either.mapLeft(decode(text), (detail) => unexpected(text, detail)))
      ),
    "4xx": errorAnswer,
    "5xx": errorAnswer,
    orElse: (response) =>
      Effect.flatMap(
        Effect.orElseSucceed(response.text, () => ""),
        (text) => Effect.fail(unexpected(text, `HTTP ${response.status} is not an answer SignalWire gives to ${name}`))
      )
  })
}

// The live clock's prototype: with it, a timer can be a `setTimeout` (see `timeoutFail`).
const liveClock: unknown = Object.getPrototypeOf(Clock.make())
// Node, browsers and workers fire a longer `setTimeout` at once; the live clock never fires it.
const maxTimerMillis = 2 ** 31 - 1

/**
 * @internal
 * `Effect.timeoutFail`, with one fiber fewer on the live clock. Effect's forks the attempt and a
 * sleeping fiber and races them: about 56 µs of CPU per attempt, the largest piece of a request
 * after decoding. With the live clock the sleeping fiber's job is a `setTimeout`: the attempt runs
 * in one forked fiber, and whichever of its end and the timer comes first settles it, as the race
 * does (the attempt's fiber refs kept on success, the attempt interrupted and awaited on timeout
 * or when the caller is interrupted). Any other clock (`TestClock`) takes `Effect.timeoutFail`.
 */
export const timeoutFail = <A, E>(self: Effect.Effect<A, E>, duration: Duration.Duration, onTimeout: () => E): Effect.Effect<A, E> =>
  Effect.clockWith((clock) => {
    const millis = Duration.toMillis(duration)
    if (Object.getPrototypeOf(clock) !== liveClock || !(millis <= maxTimerMillis)) {
      return Effect.timeoutFail(self, { duration, onTimeout })
    }
    return Effect.uninterruptibleMask((restore) =>
      Effect.flatMap(Effect.fork(restore(self)), (attempt) =>
        restore(Effect.async<Exit.Exit<A, E> | undefined>((resume) => {
          const observer = (exit: Exit.Exit<A, E>) => {
            clearTimeout(timer)
            resume(Effect.succeed(exit))
          }
          const timer = setTimeout(() => {
            attempt.removeObserver(observer)
            resume(Effect.succeed(undefined))
          }, millis)
          attempt.addObserver(observer)
          return Effect.sync(() => {
            clearTimeout(timer)
            attempt.removeObserver(observer)
          })
        })).pipe(
          Effect.onInterrupt(() => Fiber.interrupt(attempt)),
          Effect.flatMap((exit) =>
            exit === undefined
              ? Effect.zipRight(Fiber.interrupt(attempt), Effect.fail(onTimeout()))
              : Exit.isSuccess(exit)
              ? Effect.as(attempt.inheritAll, exit.value)
              : exit
          )
        )
      )
    )
  })

// The predicate goes into the schedule (rather than `Effect.retry`'s `while`) so that only the
// retries that happen are logged.
const retrySchedule = <E extends { readonly _tag: string }>(name: string, policy: RetryPolicy.RetryPolicy<E>) =>
  Schedule.identity<E>().pipe(
    Schedule.whileInput(policy.isRetryable),
    Schedule.intersect(policy.schedule),
    Schedule.modifyDelayEffect(([error], delay) =>
      Effect.as(
        Effect.logDebug(`SignalWire ${name}: retrying`).pipe(
          Effect.annotateLogs({ reason: error._tag, delay: Duration.format(Duration.millis(Math.round(Duration.toMillis(delay)))) })
        ),
        delay
      )
    )
  )

/** @internal The pipeline of a client: what every request of it shares. */
export const make = (config: SignalWireConfig.Service, httpClient: HttpClient.HttpClient): Send => {
  // The headers every request carries, made once (the platform's own Basic encoding) and set in
  // one step: per request, each `setHeader` would copy the request and its headers again.
  const headers = HttpClientRequest.get("").pipe(
    HttpClientRequest.basicAuth(config.projectId, config.authToken),
    HttpClientRequest.acceptJson,
    HttpClientRequest.setHeader("user-agent", config.userAgent)
  ).headers
  const client = httpClient.pipe(
    HttpClient.mapRequest((request) => HttpClientRequest.setHeaders(HttpClientRequest.prependUrl(request, config.origin), headers)),
    HttpClient.withTracerPropagation(config.tracerPropagation)
  )

  // fetch follows redirects by default: it would turn a POST into a GET to the `Location` (with
  // the credentials) or re-send the body. A redirect is not an answer SignalWire gives: take it
  // as it is (node:http and undici clients never follow one).
  const execute = (request: HttpClientRequest.HttpClientRequest) =>
    Effect.flatMap(Effect.serviceOption(FetchHttpClient.RequestInit), (init) =>
      Effect.provideService(client.execute(request), FetchHttpClient.RequestInit, {
        ...Option.getOrUndefined(init),
        redirect: "manual"
      }))

  return <A, E extends { readonly _tag: string }>(spec: Spec<A, E>): Effect.Effect<Outcome<A>, E> => {
    const send = (number: number) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const attempt: Attempt = { number, sentAt: new Date(now) }
        return execute(spec.request).pipe(
          Effect.mapError(fromRequestError),
          Effect.flatMap((response) => readAnswer(spec.name, response, spec.decode)),
          (attempt) =>
            timeoutFail(
              attempt,
              spec.timeout,
              (): Failure => ({ _tag: "NoAnswer", reason: "Timeout", detail: `no answer within ${Duration.format(spec.timeout)}` })
            ),
          Effect.mapError((failure) => spec.toError(failure, attempt))
        )
      })
    return Effect.suspend(() => {
      let attempts = 0
      const attempt = Effect.suspend(() => send(++attempts))
      return (spec.pace === undefined ? attempt : spec.pace(attempt)).pipe(
        Effect.retry(retrySchedule(spec.name, spec.retry)),
        Effect.map((value) => ({ value, attempts }))
      )
    })
  }
}
