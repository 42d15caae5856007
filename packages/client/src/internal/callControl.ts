/**
 * @internal
 * What the call-control operations share: their options, how a client reaches them, and the
 * pieces every one of them uses. Each operation is built in its own module (fetchCall.ts,
 * listCallsPage.ts, updateCall.ts, deleteCall.ts), so an app carries only the ones it uses.
 */
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
import { violation } from "./input.js"
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

/** @internal */
export const decodeSid = Schema.decodeUnknownEither(Sid.issuedBy("CallSid"))

/** @internal */
export const checkSid = (sid: unknown, operation: string): Effect.Effect<string, CreateCallError.InvalidRequest> =>
  Either.match(decodeSid(sid), {
    onLeft: () =>
      Effect.fail(violation(
        ["sid"],
        `must be a call sid: a non-empty identifier without white space (got ${JSON.stringify(sid)})`,
        operation
      )),
    onRight: Effect.succeed
  })

/** @internal */
export const decodeCall = Request.jsonBody(Call.decodeEither, "a Call")

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

const built = new WeakMap<Control, Partial<Operations>>()

/** @internal Builds one operation of a client's pipeline on its first use (or gives the test layer's). */
export type Make<K extends keyof Operations> = (config: SignalWireConfig.Service, send: Request.Send) => Operations[K]

/** @internal One call-control operation of a client. */
export const operation = <K extends keyof Operations>(control: Control, name: K, make: Make<K>): Operations[K] => {
  if (control._tag === "Given") return control.operations[name]
  let operations = built.get(control)
  if (operations === undefined) {
    operations = {}
    built.set(control, operations)
  }
  return operations[name] ??= make(control.config, control.send)
}

/** @internal The retry policy of one request: the operation's defaults, then the caller's options. */
export const policy = (
  defaults: RetryPolicy.RetryPolicy<CallControlError.CallControlError>,
  options: ControlOptions | undefined
): RetryPolicy.RetryPolicy<CallControlError.CallControlError> => ({
  schedule: options?.retry?.schedule ?? defaults.schedule,
  isRetryable: options?.retry?.isRetryable ?? defaults.isRetryable
})

/** @internal The timeout of one request. */
export const timeout = (config: SignalWireConfig.Service, options: ControlOptions | undefined) =>
  Duration.decode(options?.requestTimeout ?? config.requestTimeout)

/** @internal The path of one call. */
export const callPath = (config: SignalWireConfig.Service, sid: string) => `${ApiPath.call(config.projectId, sid)}.json`
