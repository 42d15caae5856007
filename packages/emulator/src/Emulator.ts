/**
 * The emulator's engine: a local SignalWire Calls API in memory, with no sockets.
 *
 * It keeps the calls of each configured project and answers the Calls operations (create,
 * fetch, list, update, delete) on decoded values: a project's id, a call sid, the schema
 * package's `CreateCallRequest` and `UpdateCallRequest`, a {@link ListFilter}. Its failures are
 * the domain errors of `EmulatorError` (a call not found, not in a state that allows the
 * operation, the calls-per-second limit, `MaxPricePerMinute`); what is HTTP (Basic auth, form
 * and query decoding, SignalWire's error bodies, codes and statuses) is `EmulatorApp`'s. It
 * plays each call's life on Effect's `Clock` (see `CallLife`), and POSTs signed status
 * callbacks through the `WebhookClient` it is given. Fault rules and the log of requests are
 * services of their own (`FaultRules`, `RequestLog`), applied in front of the routes by
 * `FaultMiddleware`; {@link layer} provides all three.
 *
 * Serve it over HTTP with `EmulatorServer`, or hand a client an in-process `HttpClient` with
 * `EmulatorClient`.
 *
 * @since 0.1.0
 */
import type { Call, CreateCallRequest, Sid, UpdateCallRequest } from "@effect-signalwire/schema"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type * as CallLife from "./CallLife.js"
import type * as EmulatorError from "./EmulatorError.js"
import type * as Fault from "./Fault.js"
import * as FaultRules from "./FaultRules.js"
import * as internal from "./internal/emulator.js"
import * as RequestLog from "./RequestLog.js"
import type * as WebhookClient from "./WebhookClient.js"

/**
 * A project the emulator knows: the Basic auth user (the Project ID, also the `AccountSid` of
 * its URLs), its API token, and the key its status callbacks are signed with (SignalWire's
 * "Signing Key"; the API token when not given).
 *
 * @since 0.1.0
 * @category models
 */
export interface Project {
  readonly projectId: string
  readonly authToken: Redacted.Redacted<string> | string
  readonly signingKey?: Redacted.Redacted<string> | string | undefined
}

/**
 * The project the emulator serves when none is configured.
 *
 * @since 0.1.0
 * @category defaults
 * @example
 * ```ts
 * import { Emulator } from "@effect-signalwire/emulator"
 *
 * // The project an emulator serves unless told otherwise (the CLI prints it at start-up).
 * assert.strictEqual(Emulator.defaultProject.projectId, "b3877c40-da60-4998-90ad-b792e98472af")
 * ```
 */
export const defaultProject: Project = internal.defaultProject

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The projects that may authenticate (default: {@link defaultProject}). */
  readonly projects?: ReadonlyArray<Project> | undefined
  /** Time spent in each status (default: `CallLife.defaultTimings`, about 6 s in all). */
  readonly timings?: Partial<CallLife.Timings> | undefined
  /** Scripted outcomes, checked before `CallLife.defaultOutcomeRules`. */
  readonly outcomes?: ReadonlyArray<CallLife.OutcomeRule> | undefined
  /** Fault rules in force from the start (in the `FaultRules` that {@link layer} provides). */
  readonly faults?: ReadonlyArray<Fault.FaultRule> | undefined
  /** USD per minute, for `price` and the `MaxPricePerMinute` check (default 0.0065). */
  readonly pricePerMinute?: number | undefined
  /** How long a status callback may take before it counts as failed (default 15 s). */
  readonly callbackTimeout?: Duration.DurationInput | undefined
  /**
   * SignalWire's outbound limit: at most this many creates per project in any second (one per
   * `1 / callsPerSecond` seconds below 1); beyond it, 429 with `Retry-After`, the call not
   * placed. Default: no limit.
   */
  readonly callsPerSecond?: number | undefined
}

/**
 * A time filter of "List all Calls": the calls whose time (start or end) is in
 * `[first, last]` (`=`), on or before `last` (`<`), or on or after `first` (`>`).
 *
 * @since 0.1.0
 * @category models
 */
export interface TimeFilter {
  readonly comparison: "=" | "<" | ">"
  readonly first: Date
  readonly last: Date
}

/**
 * Which calls {@link Service.listCalls} returns: every equality and every time filter must
 * match (a call without that time matches no time filter). Empty: every call.
 *
 * @since 0.1.0
 * @category models
 */
export interface ListFilter {
  readonly equal?: ReadonlyArray<readonly ["to" | "from" | "parentCallSid" | "status", string]> | undefined
  readonly startTime?: ReadonlyArray<TimeFilter> | undefined
  readonly endTime?: ReadonlyArray<TimeFilter> | undefined
}

/**
 * The engine's operations, on decoded values. A project id is the one the caller vouches for
 * (the HTTP app passes the project a request authenticated as): a call of another project is
 * `CallNotFound`, and a project id the emulator is not configured with has calls of its own,
 * their callbacks signed with the id as key.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The projects it serves, credentials `Redacted`. */
  readonly projects: ReadonlyArray<{
    readonly projectId: string
    readonly authToken: Redacted.Redacted<string>
    readonly signingKey: Redacted.Redacted<string>
  }>

  /**
   * Takes one of the project's create slots under `callsPerSecond` (no limit: always). Apart from
   * {@link createCall} because the HTTP app checks it before decoding the parameters, as
   * SignalWire does: a create beyond the limit is refused whatever its parameters, and one with
   * invalid parameters still takes its slot. A create refused by the limit takes none.
   */
  readonly admitCall: (projectId: Sid.ProjectId) => Effect.Effect<void, EmulatorError.RateLimited>
  /** Creates a call for the project and starts its life. */
  readonly createCall: (
    projectId: Sid.ProjectId,
    request: CreateCallRequest.CreateCallRequest
  ) => Effect.Effect<Call.Call, EmulatorError.PriceExceeded>
  readonly fetchCall: (projectId: Sid.ProjectId, callSid: string) => Effect.Effect<Call.Call, EmulatorError.CallNotFound>
  /** The project's calls that match the filter, newest first. */
  readonly listCalls: (projectId: Sid.ProjectId, filter?: ListFilter) => Effect.Effect<ReadonlyArray<Call.Call>>
  /** Hangs a call up (`status`), redirects it (`url`, `twiml`) or moves its status callbacks. */
  readonly updateCall: (
    projectId: Sid.ProjectId,
    callSid: string,
    request: UpdateCallRequest.UpdateCallRequest
  ) => Effect.Effect<Call.Call, EmulatorError.CallNotFound | EmulatorError.CallNotInState>
  /** Deletes the record of a call that has ended. */
  readonly deleteCall: (
    projectId: Sid.ProjectId,
    callSid: string
  ) => Effect.Effect<void, EmulatorError.CallNotFound | EmulatorError.CallNotInState>

  /** Every call of every project, oldest first. */
  readonly calls: Effect.Effect<ReadonlyArray<Call.Call>>

  /** The scripted outcomes in force (before the defaults). */
  readonly outcomes: Effect.Effect<ReadonlyArray<CallLife.OutcomeRule>>
  /** Replaces the scripted outcomes, for the calls created from now on. */
  readonly setOutcomes: (rules: ReadonlyArray<CallLife.OutcomeRule>) => Effect.Effect<void>

  /** Forgets every call (ending their lives) and scripted outcome. */
  readonly reset: Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category tags
 * @example
 * ```ts
 * import { Emulator, WebhookClient } from "@effect-signalwire/emulator"
 * import { Effect } from "effect"
 *
 * const calls = await Effect.runPromise(
 *   Effect.gen(function*() {
 *     const emulator = yield* Emulator.Emulator
 *     yield* emulator.setOutcomes([{ to: "+13105550100", outcome: "busy" }])
 *     return yield* emulator.calls
 *   }).pipe(Effect.provide(Emulator.layer().pipe(Layer.provide(WebhookClient.layerDiscard))))
 * )
 * assert.deepStrictEqual(calls, [])
 * ```
 */
export class Emulator extends Context.Tag("@effect-signalwire/emulator/Emulator")<Emulator, Service>() {}

/**
 * Builds an emulator whose calls live as long as the scope. Status callbacks go through the
 * `WebhookClient` in context (e.g. `WebhookClient.layerFetch`).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Emulator, WebhookClient } from "@effect-signalwire/emulator"
 * import { CreateCallRequest, Sid } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * const call = await Effect.runPromise(
 *   Effect.gen(function*() {
 *     const emulator = yield* Emulator.make()
 *     // The default project (Emulator.defaultProject); no credentials: the engine is past HTTP.
 *     const projectId = Sid.ProjectId.make("b3877c40-da60-4998-90ad-b792e98472af")
 *     const request = yield* CreateCallRequest.decode({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" })
 *     return yield* emulator.createCall(projectId, request)
 *   }).pipe(Effect.scoped, Effect.provide(WebhookClient.layerDiscard))
 * )
 * assert.strictEqual(call.status, "queued")
 * ```
 */
export const make: (options?: Options) => Effect.Effect<Service, never, WebhookClient.WebhookClient | Scope.Scope> = internal.make

/**
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { Emulator, EmulatorClient, WebhookClient } from "@effect-signalwire/emulator"
 * import { Layer } from "effect"
 *
 * // An in-process HttpClient answered by an emulator whose callbacks go out through fetch.
 * const TestHttp = EmulatorClient.layer.pipe(
 *   Layer.provideMerge(Emulator.layer({ projects: [{ projectId: "b3877c40-da60-4998-90ad-b792e98472af", authToken: "PTtoken" }] })),
 *   Layer.provide(WebhookClient.layerFetch)
 * )
 * ```
 */
export const layer = (options?: Options): Layer.Layer<Emulator | FaultRules.FaultRules | RequestLog.RequestLog, never, WebhookClient.WebhookClient> =>
  Layer.mergeAll(Layer.scoped(Emulator, make(options)), FaultRules.layer(options?.faults), RequestLog.layer)

/**
 * Like {@link layer}, with the options read from `Config` (e.g. `Config.redacted("TOKEN")`).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { Emulator } from "@effect-signalwire/emulator"
 * import { Config } from "effect"
 *
 * // Options from configuration, e.g. the talk time from EMULATOR_TALK.
 * export const FromConfig = Emulator.layerConfig({
 *   timings: { inProgress: Config.duration("EMULATOR_TALK").pipe(Config.withDefault("3 seconds")) }
 * })
 * ```
 */
export const layerConfig = (
  options: Config.Config.Wrap<Options>
): Layer.Layer<Emulator | FaultRules.FaultRules | RequestLog.RequestLog, ConfigError.ConfigError, WebhookClient.WebhookClient> =>
  Layer.unwrapEffect(Effect.map(Config.unwrap(options), layer))
