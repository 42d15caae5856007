/**
 * @internal
 * The in-memory SignalWire of `SignalWireClient.layerTest`: it remembers the calls it created and
 * answers every operation from them, with the same validation and the same errors as the client.
 */
import type { CreateCallRequest } from "@effect-signalwire/schema"
import * as ApiPath from "@effect-signalwire/schema/ApiPath"
import * as Call from "@effect-signalwire/schema/Call"
import * as CallPage from "@effect-signalwire/schema/CallPage"
import * as ListCallsFilter from "@effect-signalwire/schema/ListCallsFilter"
import * as Sid from "@effect-signalwire/schema/Sid"
import * as UpdateCallRequest from "@effect-signalwire/schema/UpdateCallRequest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as CallControlError from "../CallControlError.js"
import * as CreateCallError from "../CreateCallError.js"
import type { Control, ControlOptions, FilterInput, PageOptions, UpdateInput } from "./callControl.js"
import * as createCall from "./createCall.js"
import { invalidRequest, violation } from "./input.js"

/** @internal */
export const testProjectId = "00000000-0000-4000-8000-000000000000"

/** @internal */
export type Handler = (
  request: CreateCallRequest.CreateCallRequest
) => Effect.Effect<Call.Call, CreateCallError.CreateCallError>

const finalStatuses: ReadonlySet<string> = new Set(["completed", "canceled", "busy", "failed", "no-answer"])

const apiError = (status: number, code: number, detail: string) => ({ status, code, detail, errors: [] })

const decodeSid = Schema.decodeUnknownEither(Sid.issuedBy("CallSid"))

const checkSid = (sid: string, operation: string) =>
  Either.isRight(decodeSid(sid))
    ? Effect.succeed(sid)
    : Effect.fail(violation(["sid"], `must be a call sid: a non-empty identifier without white space (got ${JSON.stringify(sid)})`, operation))

const bounds = (moment: ListCallsFilter.Moment) => {
  if (typeof moment === "string") {
    const first = Date.parse(`${moment}T00:00:00Z`)
    return { first, last: first + 86_399_999 }
  }
  const first = Math.floor(moment.getTime() / 1000) * 1000
  return { first, last: first + 999 }
}

const inRange = (time: Date | null, range: ListCallsFilter.TimeRange | undefined) => {
  if (range === undefined) return true
  if (time === null) return false
  const t = time.getTime()
  return (range.on === undefined || (t >= bounds(range.on).first && t <= bounds(range.on).last)) &&
    (range.before === undefined || t <= bounds(range.before).last) &&
    (range.after === undefined || t >= bounds(range.after).first)
}

const matches = (filter: ListCallsFilter.ListCallsFilter) => (call: Call.Call) =>
  (filter.to === undefined || call.to === filter.to) &&
  (filter.from === undefined || call.from === filter.from) &&
  (filter.status === undefined || call.status === filter.status) &&
  (filter.parentCallSid === undefined || call.parentCallSid === filter.parentCallSid) &&
  inRange(call.startTime, filter.startTime) &&
  inRange(call.endTime, filter.endTime)

/** @internal */
export const make = (handler: Handler) =>
  Effect.gen(function*() {
    // Newest first, as SignalWire lists them.
    const store = yield* Ref.make<ReadonlyArray<Call.Call>>([])
    // What each page link given out stands for.
    const cursors = new Map<string, { readonly filter: ListCallsFilter.ListCallsFilter; readonly page: number; readonly pageSize: number }>()
    const callsPath = ApiPath.calls(testProjectId)

    const find = (sid: string, operation: string) =>
      Effect.flatMap(Ref.get(store), (calls) =>
        Option.match(Option.fromNullable(calls.find((call) => call.sid === sid)), {
          onNone: () =>
            Effect.fail(new CallControlError.CallNotFound({ sid, ...apiError(404, 20404, `The requested resource ${callsPath}/${sid} was not found`) })),
          onSome: Effect.succeed
        })).pipe(Effect.withSpan(`SignalWireClient.${operation}`, { attributes: { "signalwire.call.sid": sid } }))

    const replace = (call: Call.Call) => Ref.update(store, (calls) => calls.map((c) => c.sid === call.sid ? call : c))

    const fetchCall = (sid: string, _options?: ControlOptions) =>
      Effect.flatMap(checkSid(sid, "Fetch Call"), (sid) => find(sid, "fetchCall"))

    const listCallsPage = (filter?: FilterInput, options?: PageOptions) =>
      Effect.gen(function*() {
        const operation = "List Calls"
        let query: { readonly filter: ListCallsFilter.ListCallsFilter; readonly page: number; readonly pageSize: number }
        if (options?.cursor !== undefined) {
          const known = cursors.get(options.cursor)
          if (known === undefined) return yield* Effect.fail(violation(["cursor"], "must be a page link this client gave", operation))
          query = known
        } else {
          const valid = yield* Effect.mapError(ListCallsFilter.decode(filter ?? {}), (error) => invalidRequest(error, operation))
          const pageSize = options?.pageSize ?? 50
          if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
            return yield* Effect.fail(violation(["pageSize"], `must be an integer from 1 to 1000 (got ${pageSize})`, operation))
          }
          query = { filter: valid, page: 0, pageSize }
        }
        const calls = (yield* Ref.get(store)).filter(matches(query.filter))
        const link = (page: number) => {
          const uri = `${callsPath}?Page=${page}&PageSize=${query.pageSize}&Query=${cursors.size}`
          cursors.set(uri, { ...query, page })
          return uri
        }
        const start = query.page * query.pageSize
        return new CallPage.CallPage({
          uri: link(query.page),
          firstPageUri: link(0),
          nextPageUri: start + query.pageSize < calls.length ? link(query.page + 1) : null,
          previousPageUri: query.page > 0 ? link(query.page - 1) : null,
          page: query.page,
          pageSize: query.pageSize,
          calls: calls.slice(start, start + query.pageSize)
        })
      }).pipe(Effect.withSpan("SignalWireClient.listCallsPage"))

    const updateCall = (sid: string, input: UpdateInput, _options?: ControlOptions) =>
      Effect.gen(function*() {
        const operation = "Update Call"
        yield* checkSid(sid, operation)
        const request = yield* Effect.mapError(UpdateCallRequest.decode(input), (error) => invalidRequest(error, operation))
        const call = yield* find(sid, "updateCall")
        const ended = finalStatuses.has(call.status)
        if (request.status === undefined && (request.url !== undefined || request.twiml !== undefined) && ended) {
          return yield* Effect.fail(new CreateCallError.ApiRejected(apiError(422, 21220, "Call is not in-progress. Cannot redirect.")))
        }
        if (request.status === undefined || ended || (request.status === "canceled" && call.status === "in-progress")) return call
        const now = new Date(yield* Clock.currentTimeMillis)
        const updated = new Call.Call({
          ...call,
          status: call.status === "in-progress" ? "completed" : "canceled",
          dateUpdated: now,
          endTime: now
        })
        yield* replace(updated)
        return updated
      })

    const hangUpCall = (sid: string, options?: ControlOptions) => updateCall(sid, { status: "completed" }, options)

    const deleteCall = (sid: string, _options?: ControlOptions) =>
      Effect.gen(function*() {
        yield* checkSid(sid, "Delete Call")
        const call = yield* find(sid, "deleteCall")
        if (!finalStatuses.has(call.status)) {
          return yield* Effect.fail(new CreateCallError.ApiRejected(apiError(422, 20009, "Cannot delete this resource before it is complete")))
        }
        yield* Ref.update(store, (calls) => calls.filter((c) => c.sid !== sid))
      })

    const send = (request: Parameters<Handler>[0]) =>
      Effect.tap(handler(request), (call) => Ref.update(store, (calls) => [call, ...calls.filter((c) => c.sid !== call.sid)]))

    const control: Control = { _tag: "Given", operations: { fetchCall, listCallsPage, updateCall, hangUpCall, deleteCall } }
    return { createCall: createCall.fromSend(send, control, "none"), control }
  })
