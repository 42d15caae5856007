/** @internal */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as ApiPath from "@effect-signalwire/schema/ApiPath"
import * as Call from "@effect-signalwire/schema/Call"
import * as CallPage from "@effect-signalwire/schema/CallPage"
import * as ListCallsFilter from "@effect-signalwire/schema/ListCallsFilter"
import * as Sid from "@effect-signalwire/schema/Sid"
import * as UpdateCallRequest from "@effect-signalwire/schema/UpdateCallRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as CallControlError from "../CallControlError.js"
import * as CreateCallError from "../CreateCallError.js"
import * as RetryPolicy from "../RetryPolicy.js"
import type * as SignalWireConfig from "../SignalWireConfig.js"
import { callError, listError } from "./controlErrors.js"
import { invalidRequest, violation } from "./input.js"
import * as Request from "./request.js"
import { logUnreadable } from "./unreadable.js"

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

const decodeCall = Request.jsonBody(Call.decodeEither, "a Call")
const decodePage = Request.jsonBody(CallPage.decodeEither, "a page of calls")

/** @internal The call-control operations of a client. */
export interface Operations {
  readonly fetchCall: (sid: string, options?: ControlOptions) => Effect.Effect<Call.Call, CallControlError.FetchCallError>
  readonly listCallsPage: (
    filter?: FilterInput,
    options?: PageOptions
  ) => Effect.Effect<CallPage.CallPage, CallControlError.ListCallsError>
  readonly updateCall: (
    sid: string,
    request: UpdateInput,
    options?: ControlOptions
  ) => Effect.Effect<Call.Call, CallControlError.UpdateCallError>
  readonly hangUpCall: (sid: string, options?: ControlOptions) => Effect.Effect<Call.Call, CallControlError.UpdateCallError>
  readonly deleteCall: (sid: string, options?: ControlOptions) => Effect.Effect<void, CallControlError.DeleteCallError>
}

/**
 * @internal
 * How a client's call-control operations are reached: built from its request pipeline on first
 * use (so that an app that only creates calls does not carry their code), or given (a test layer).
 */
export type Control =
  | { readonly _tag: "Live"; readonly config: SignalWireConfig.Service; readonly send: Request.Send }
  | { readonly _tag: "Given"; readonly operations: Operations }

const built = new WeakMap<Control, Operations>()

/** @internal */
export const operationsOf = (control: Control): Operations => {
  if (control._tag === "Given") return control.operations
  let operations = built.get(control)
  if (operations === undefined) {
    operations = make(control.config, control.send)
    built.set(control, operations)
  }
  return operations
}

/** @internal The client's call-control operations. */
export const make = (config: SignalWireConfig.Service, send: Request.Send): Operations => {
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
        retry: policy(config.idempotentRetry ?? RetryPolicy.idempotent, options),
        timeout: timeout(options)
      })
      yield* Effect.annotateCurrentSpan("signalwire.attempts", attempts)
      yield* logUnreadable("Fetch Call", value)
      return value
    }
  )

  const pagePath = (uri: string) => Request.pagePath(config.origin, uri)

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
        retry: policy(config.idempotentRetry ?? RetryPolicy.idempotent, options),
        timeout: timeout(options)
      })
      yield* Effect.annotateCurrentSpan({ "signalwire.page": value.page, "signalwire.attempts": attempts })
      yield* Effect.forEach(value.calls, (call) => logUnreadable("List Calls", call), { discard: true })
      // A link to another host would carry the credentials there when followed.
      if (value.nextPageUri !== null && Either.isLeft(pagePath(value.nextPageUri))) {
        return yield* Effect.fail(
          new CreateCallError.UnexpectedResponse({
            status: 200,
            bodySnippet: Request.snippet(value.nextPageUri),
            detail: `next_page_uri is not a path on the space`
          })
        )
      }
      return value
    }
  )

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
        retry: policy(redirect ? config.redirectRetry ?? RetryPolicy.redirect : config.idempotentRetry ?? RetryPolicy.idempotent, options),
        timeout: timeout(options)
      })
      yield* Effect.annotateCurrentSpan("signalwire.attempts", attempts)
      yield* logUnreadable("Update Call", value)
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
        retry: policy(config.idempotentRetry ?? RetryPolicy.idempotent, options),
        timeout: timeout(options)
      })
      yield* Effect.annotateCurrentSpan("signalwire.attempts", attempts)
    }
  )

  return { fetchCall, listCallsPage, updateCall, hangUpCall, deleteCall }
}
