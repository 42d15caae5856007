/** @internal */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { ApiPath, Call, CallPage, ListCallsFilter, Sid, UpdateCallRequest } from "@effect-signalwire/schema"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as CallControlError from "../CallControlError.js"
import * as CreateCallError from "../CreateCallError.js"
import * as RetryPolicy from "../RetryPolicy.js"
import type * as SignalWireConfig from "../SignalWireConfig.js"
import { invalidRequest, violation } from "./input.js"
import * as Request from "./request.js"

/** @internal */
export interface ControlOptions {
  readonly retry?: Partial<RetryPolicy.RetryPolicy<CallControlError.CallControlError>> | undefined
  readonly requestTimeout?: Duration.DurationInput | undefined
}

/** @internal */
export interface ListOptions extends ControlOptions {
  /** How many calls each page holds (1-1000; SignalWire's default is 50). */
  readonly pageSize?: number | undefined
}

/** @internal */
export interface PageOptions extends ListOptions {
  /** The `nextPageUri` of a page read before: it carries the filter and the page size. */
  readonly cursor?: string | undefined
}

/** @internal */
export type FilterInput = ListCallsFilter.ListCallsFilter | ListCallsFilter.ListCallsFilter.Encoded

/** @internal */
export type UpdateInput = UpdateCallRequest.UpdateCallRequest | UpdateCallRequest.UpdateCallRequest.Encoded

type Common = Exclude<CallControlError.CallControlError, CreateCallError.NotFound | CallControlError.CallNotFound>

/** @internal The answer of a call-control request as the failure of that operation; `notFound` reads a 404. */
export const toError = <N>(operation: string, sid: string | undefined, notFound: (fields: Request.ApiErrorFields) => N) =>
(failure: Request.Failure, attempt: Request.Attempt): Common | N => {
  switch (failure._tag) {
    case "NotSent":
      return new CreateCallError.TransportError({
        reason: failure.reason,
        ...(failure.code !== undefined ? { code: failure.code } : {}),
        detail: failure.detail,
        attempts: attempt.number
      })
    case "NoAnswer":
      return new CallControlError.NoResponse({
        reason: failure.reason,
        detail: failure.detail,
        operation,
        ...(sid !== undefined ? { sid } : {}),
        sentAt: attempt.sentAt,
        attempts: attempt.number
      })
    case "Unexpected":
      return new CreateCallError.UnexpectedResponse({
        status: failure.status,
        ...(failure.contentType !== undefined ? { contentType: failure.contentType } : {}),
        bodySnippet: failure.bodySnippet,
        detail: failure.detail
      })
    case "ErrorStatus": {
      const fields = failure.fields
      const status = fields.status
      if (status === 401 || status === 403) return new CreateCallError.AuthenticationFailed(fields)
      if (status === 404) return notFound(fields)
      if (status === 429) {
        return new CreateCallError.RateLimited({
          ...fields,
          ...(failure.retryAfter !== undefined ? { retryAfter: failure.retryAfter } : {}),
          headers: failure.headers,
          attempts: attempt.number
        })
      }
      if (status >= 500) {
        return new CallControlError.ServerFailure({
          ...fields,
          operation,
          ...(sid !== undefined ? { sid } : {}),
          attempts: attempt.number
        })
      }
      return new CreateCallError.ApiRejected(fields)
    }
  }
}

/** @internal The failure of a request about one call: a 404 is `CallNotFound`. */
export const callError = (operation: string, sid: string) =>
  toError(operation, sid, (fields) => new CallControlError.CallNotFound({ sid, ...fields }))

/** @internal The failure of a list request: a 404 is `NotFound` (a wrong project or space). */
export const listError = (operation: string) => toError(operation, undefined, (fields) => new CreateCallError.NotFound(fields))

const decodeSid = Schema.decodeUnknownEither(Sid.issuedBy("CallSid"))

const checkSid = (sid: unknown, operation: string): Effect.Effect<string, CreateCallError.InvalidRequest> =>
  Either.match(decodeSid(sid), {
    onLeft: () =>
      Effect.fail(violation(
        ["sid"],
        `must be a call sid: a non-empty identifier without white space (got ${JSON.stringify(sid)})`,
        operation
      )),
    onRight: Effect.succeed
  })

const decodePageSize = Schema.decodeUnknownEither(ListCallsFilter.PageSize)

const decodeCall = Request.jsonBody(Call.Call, "a Call")
const decodePage = Request.jsonBody(CallPage.CallPage, "a page of calls")

/** @internal The client's call-control operations. */
export const make = (config: SignalWireConfig.Service, send: Request.Send) => {
  const callsPath = ApiPath.calls(config.projectId)
  const callPath = (sid: string) => `${ApiPath.call(config.projectId, sid)}.json`

  const policy = (
    defaults: RetryPolicy.RetryPolicy<CallControlError.CallControlError>,
    options: ControlOptions | undefined
  ): RetryPolicy.RetryPolicy<CallControlError.CallControlError> => ({
    schedule: options?.retry?.schedule ?? defaults.schedule,
    isRetryable: options?.retry?.isRetryable ?? defaults.isRetryable
  })
  const timeout = (options: ControlOptions | undefined) => Duration.decode(options?.requestTimeout ?? config.requestTimeout)

  const fetchCall = Effect.fn("SignalWireClient.fetchCall")(
    function*(sid: string, options?: ControlOptions) {
      yield* Effect.annotateCurrentSpan("signalwire.call.sid", sid)
      const valid = yield* checkSid(sid, "Fetch Call")
      const { attempts, value } = yield* send({
        name: "Fetch Call",
        request: HttpClientRequest.get(callPath(valid)),
        decode: decodeCall,
        toError: callError("Fetch Call", valid),
        retry: policy(config.idempotentRetry, options),
        timeout: timeout(options)
      })
      yield* Effect.annotateCurrentSpan("signalwire.attempts", attempts)
      return value
    }
  )

  // A page link SignalWire gave (or the user handed back): a path on the space, never another host.
  const pagePath = (uri: string): Either.Either<string, string> => {
    if (uri.startsWith("/") && !uri.startsWith("//")) return Either.right(uri)
    try {
      const url = new URL(uri)
      if (url.origin === config.origin) return Either.right(`${url.pathname}${url.search}`)
    } catch {
      // not a URL: refused below
    }
    return Either.left(`a page link must be a path on the space (got ${JSON.stringify(Request.snippet(uri))})`)
  }

  const listCallsPage = Effect.fn("SignalWireClient.listCallsPage")(
    function*(filter?: FilterInput, options?: PageOptions) {
      const operation = "List Calls"
      let path: string
      if (options?.cursor !== undefined) {
        const cursor = pagePath(options.cursor)
        if (Either.isLeft(cursor)) return yield* Effect.fail(violation(["cursor"], `must be ${cursor.left}`, operation))
        path = cursor.right
      } else {
        const valid = yield* Effect.mapError(ListCallsFilter.decode(filter ?? {}), (error) => invalidRequest(error, operation))
        const params: Array<readonly [string, string]> = [...ListCallsFilter.toQueryParams(valid)]
        if (options?.pageSize !== undefined) {
          const pageSize = decodePageSize(options.pageSize)
          if (Either.isLeft(pageSize)) {
            return yield* Effect.fail(
              violation(["pageSize"], `must be an integer from 1 to 1000 (got ${JSON.stringify(options.pageSize)})`, operation)
            )
          }
          params.push(["PageSize", String(pageSize.right)])
        }
        path = `${callsPath}.json${params.length === 0 ? "" : `?${new URLSearchParams(params as Array<[string, string]>)}`}`
      }
      const { attempts, value } = yield* send({
        name: operation,
        request: HttpClientRequest.get(path),
        decode: decodePage,
        toError: listError(operation),
        retry: policy(config.idempotentRetry, options),
        timeout: timeout(options)
      })
      yield* Effect.annotateCurrentSpan({ "signalwire.page": value.page, "signalwire.attempts": attempts })
      return value
    }
  )

  const listCalls = (filter?: FilterInput, options?: ListOptions): Stream.Stream<Call.Call, CallControlError.ListCallsError> =>
    Stream.paginateChunkEffect(Option.none<string>(), (cursor) =>
      Effect.flatMap(
        listCallsPage(filter, { ...options, cursor: Option.getOrUndefined(cursor) }),
        (page) =>
          page.nextPageUri === null
            ? Effect.succeed([Chunk.unsafeFromArray(page.calls), Option.none()] as const)
            : Either.match(pagePath(page.nextPageUri), {
              // A link to another host would carry the credentials there.
              onLeft: (detail) =>
                Effect.fail(
                  new CreateCallError.UnexpectedResponse({ status: 200, bodySnippet: "", detail: `next_page_uri: ${detail}` })
                ),
              onRight: (next) => Effect.succeed([Chunk.unsafeFromArray(page.calls), Option.some(Option.some(next))] as const)
            })
      ))

  const updateCall = Effect.fn("SignalWireClient.updateCall")(
    function*(sid: string, input: UpdateInput, options?: ControlOptions) {
      yield* Effect.annotateCurrentSpan("signalwire.call.sid", sid)
      const operation = "Update Call"
      const valid = yield* checkSid(sid, operation)
      const request = yield* Effect.mapError(UpdateCallRequest.decode(input), (error) => invalidRequest(error, operation))
      const redirect = request.url !== undefined || request.twiml !== undefined
      const { attempts, value } = yield* send({
        name: operation,
        request: HttpClientRequest.post(callPath(valid)).pipe(
          HttpClientRequest.bodyUrlParams(UpdateCallRequest.toFormParams(request))
        ),
        decode: decodeCall,
        toError: callError(operation, valid),
        retry: policy(redirect ? config.redirectRetry : config.idempotentRetry, options),
        timeout: timeout(options)
      })
      yield* Effect.annotateCurrentSpan("signalwire.attempts", attempts)
      return value
    }
  )

  const hangUpCall = Effect.fn("SignalWireClient.hangUpCall")(
    function*(sid: string, options?: ControlOptions) {
      yield* Effect.annotateCurrentSpan("signalwire.call.sid", sid)
      // `completed` ends a call whatever its state: canceled while queued or ringing, completed once answered.
      return yield* updateCall(sid, { status: "completed" }, options)
    }
  )

  const deleteCall = Effect.fn("SignalWireClient.deleteCall")(
    function*(sid: string, options?: ControlOptions) {
      yield* Effect.annotateCurrentSpan("signalwire.call.sid", sid)
      const operation = "Delete Call"
      const valid = yield* checkSid(sid, operation)
      const { attempts } = yield* send({
        name: operation,
        request: HttpClientRequest.del(callPath(valid)),
        decode: Request.noBody,
        toError: callError(operation, valid),
        retry: policy(config.idempotentRetry, options),
        timeout: timeout(options)
      })
      yield* Effect.annotateCurrentSpan("signalwire.attempts", attempts)
    }
  )

  return { fetchCall, listCallsPage, listCalls, updateCall, hangUpCall, deleteCall }
}
