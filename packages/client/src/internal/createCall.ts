/** @internal */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { ApiErrorBody, Call, CreateCallForm, CreateCallRequest } from "@effect-signalwire/schema"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { flow } from "effect/Function"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schedule from "effect/Schedule"
import * as CreateCallError from "../CreateCallError.js"
import type * as RetryPolicy from "../RetryPolicy.js"
import type * as SignalWireConfig from "../SignalWireConfig.js"
import { describeCause, isConnectPhase } from "./transport.js"
import { findSid, logUnreadable } from "./unreadable.js"

/** @internal */
export interface CallOptions {
  readonly retry?: Partial<RetryPolicy.RetryPolicy> | undefined
  readonly requestTimeout?: Duration.DurationInput | undefined
}

/** @internal */
export type CreateCall = (
  input: CreateCallRequest.CreateCallRequest | CreateCallRequest.CreateCallRequest.Encoded,
  options?: CallOptions
) => Effect.Effect<Call.Call, CreateCallError.CreateCallError>

/** @internal */
export const decodeRequest = (
  input: unknown
): Effect.Effect<CreateCallRequest.CreateCallRequest, CreateCallError.InvalidRequest> =>
  Effect.mapError(CreateCallRequest.decode(input), (error) =>
    new CreateCallError.InvalidRequest({
      violations: ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) =>
        new CreateCallError.Violation({ path: issue.path.map((key) => typeof key === "symbol" ? String(key) : key), message: issue.message })
      ) as [CreateCallError.Violation, ...Array<CreateCallError.Violation>]
    }))

const snippetLength = 512

/** @internal */
export const snippet = (text: string): string => text.length <= snippetLength ? text : `${text.slice(0, snippetLength)}…`

const parseJson = (text: string): Option.Option<unknown> => {
  try {
    return Option.some(JSON.parse(text))
  } catch {
    return Option.none()
  }
}

/** A `Retry-After` header: delta-seconds or an HTTP date (a date in the past means now). */
const parseRetryAfter = (value: string | undefined, now: number): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Duration.seconds(Number(trimmed))
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Duration.millis(Math.max(0, date - now))
}

interface Attempt {
  readonly request: CreateCallRequest.CreateCallRequest
  readonly number: number
  readonly sentAt: Date
}

const errorStatus = (
  response: HttpClientResponse.HttpClientResponse,
  text: string,
  attempt: Attempt,
  now: number
): CreateCallError.CreateCallError => {
  const status = response.status
  const contentType = response.headers["content-type"]
  const body = Option.flatMap(parseJson(text), ApiErrorBody.decodeOption)
  const fields = Option.match(body, {
    onNone: () => ({
      status,
      detail: text.trim() === ""
        ? `HTTP ${status} with an empty body`
        : `HTTP ${status} with a body that is not a SignalWire error (${contentType ?? "no content type"}): ${snippet(text)}`,
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
  if (status === 401 || status === 403) return new CreateCallError.AuthenticationFailed(fields)
  if (status === 404) return new CreateCallError.NotFound(fields)
  if (status === 429) {
    const retryAfter = parseRetryAfter(response.headers["retry-after"], now)
    return new CreateCallError.RateLimited({
      ...fields,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      headers: { ...response.headers },
      attempts: attempt.number
    })
  }
  if (status >= 500) {
    return new CreateCallError.ServerError({ ...fields, request: attempt.request, sentAt: attempt.sentAt, attempts: attempt.number })
  }
  if (status >= 400) return new CreateCallError.ApiRejected(fields)
  return new CreateCallError.UnexpectedResponse({
    status,
    ...(contentType !== undefined ? { contentType } : {}),
    bodySnippet: snippet(text),
    detail: `HTTP ${status} is not an answer SignalWire gives to Create Call`
  })
}

const connectionLost = (attempt: Attempt, cause: unknown) =>
  new CreateCallError.OutcomeUnknown({
    reason: "ConnectionLost",
    detail: describeCause(cause),
    request: attempt.request,
    sentAt: attempt.sentAt,
    attempts: attempt.number
  })

const readAnswer = (
  response: HttpClientResponse.HttpClientResponse,
  attempt: Attempt
): Effect.Effect<Call.Call, CreateCallError.CreateCallError> => {
  const ok = response.status >= 200 && response.status < 300
  return response.text.pipe(
    // A 2xx whose body was lost may have placed a call; for an error status the status says enough.
    Effect.catchAll((error) => ok ? Effect.fail(connectionLost(attempt, error.cause)) : Effect.succeed("")),
    Effect.flatMap((text) => {
      if (!ok) return Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.fail(errorStatus(response, text, attempt, now)))
      // A 2xx placed the call: whatever the body, the error says so and is never retried by default.
      const unreadable = (detail: string) => {
        const contentType = response.headers["content-type"]
        const sid = findSid(text)
        return new CreateCallError.PlacedButUnreadable({
          status: response.status,
          ...(sid !== undefined ? { sid } : {}),
          ...(contentType !== undefined ? { contentType } : {}),
          bodySnippet: snippet(text),
          detail,
          request: attempt.request,
          sentAt: attempt.sentAt,
          attempts: attempt.number
        })
      }
      return Option.match(parseJson(text), {
        onNone: () => Effect.fail(unreadable(text.trim() === "" ? "the body is empty" : "the body is not JSON")),
        onSome: (body) =>
          Call.decode(body).pipe(
            Effect.mapError((error) => unreadable(`the body is not a Call: ${snippet(error.message)}`)),
            Effect.tap((call) => logUnreadable("Create Call", call))
          )
      })
    })
  )
}

const fromRequestError = (error: HttpClientError.HttpClientError, attempt: Attempt): CreateCallError.CreateCallError => {
  if (error._tag === "ResponseError") return connectionLost(attempt, error.cause)
  switch (error.reason) {
    case "InvalidUrl":
    case "Encode":
      return new CreateCallError.TransportError({
        reason: error.reason,
        detail: describeCause(error.cause ?? error.description),
        attempts: attempt.number
      })
    case "Transport": {
      const code = isConnectPhase(error.cause)
      return code === undefined ? connectionLost(attempt, error.cause) : new CreateCallError.TransportError({
        reason: "Connect",
        code,
        detail: describeCause(error.cause),
        attempts: attempt.number
      })
    }
  }
}

// The predicate goes into the schedule (rather than `Effect.retry`'s `while`) so that only the
// retries that happen are logged.
const retrySchedule = (
  schedule: Schedule.Schedule<unknown, CreateCallError.CreateCallError>,
  isRetryable: (error: CreateCallError.CreateCallError) => boolean
) =>
  Schedule.identity<CreateCallError.CreateCallError>().pipe(
    Schedule.whileInput(isRetryable),
    Schedule.intersect(schedule),
    Schedule.modifyDelayEffect(([error], delay) =>
      Effect.as(
        Effect.logDebug("SignalWire Create Call: retrying").pipe(
          Effect.annotateLogs({ reason: error._tag, delay: Duration.format(Duration.millis(Math.round(Duration.toMillis(delay)))) })
        ),
        delay
      )
    )
  )

/** @internal */
export const make = (config: SignalWireConfig.Service, httpClient: HttpClient.HttpClient): CreateCall => {
  const client = httpClient.pipe(
    HttpClient.mapRequest(flow(
      HttpClientRequest.prependUrl(`${config.origin}/api/laml/2010-04-01/Accounts/${config.projectId}`),
      HttpClientRequest.basicAuth(config.projectId, config.authToken),
      HttpClientRequest.acceptJson,
      HttpClientRequest.setHeader("user-agent", config.userAgent)
    )),
    HttpClient.withTracerPropagation(config.tracerPropagation)
  )

  // fetch follows redirects by default: it would turn the POST into a GET to the `Location` (with
  // the credentials) or re-send the body. A redirect is not an answer SignalWire gives: take it
  // as it is (node:http and undici clients never follow one).
  const execute = (request: HttpClientRequest.HttpClientRequest) =>
    Effect.flatMap(Effect.serviceOption(FetchHttpClient.RequestInit), (init) =>
      Effect.provideService(client.execute(request), FetchHttpClient.RequestInit, {
        ...Option.getOrUndefined(init),
        redirect: "manual"
      }))

  const send = (request: CreateCallRequest.CreateCallRequest, body: HttpClientRequest.HttpClientRequest, number: number, timeout: Duration.Duration) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const attempt: Attempt = { request, number, sentAt: new Date(now) }
      return execute(body).pipe(
        Effect.mapError((error) => fromRequestError(error, attempt)),
        Effect.flatMap((response) => readAnswer(response, attempt)),
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () =>
            new CreateCallError.OutcomeUnknown({
              reason: "Timeout",
              detail: `no answer within ${Duration.format(timeout)}`,
              request,
              sentAt: attempt.sentAt,
              attempts: number
            })
        })
      )
    })

  return Effect.fn("SignalWireClient.createCall")(function*(input, options) {
    const request = yield* decodeRequest(input)
    const body = HttpClientRequest.post("/Calls.json").pipe(
      HttpClientRequest.bodyUrlParams(CreateCallForm.toFormParams(request))
    )
    const timeout = Duration.decode(options?.requestTimeout ?? config.requestTimeout)
    const schedule = options?.retry?.schedule ?? config.retry.schedule
    const isRetryable = options?.retry?.isRetryable ?? config.retry.isRetryable
    let attempts = 0
    const call = yield* Effect.suspend(() => send(request, body, ++attempts, timeout)).pipe(
      Effect.retry(retrySchedule(schedule, isRetryable))
    )
    yield* Effect.annotateCurrentSpan({ "signalwire.call.sid": call.sid, "signalwire.attempts": attempts })
    return call
  })
}
