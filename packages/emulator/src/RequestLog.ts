/**
 * The log of the API requests the emulator received, as a service of its own: `FaultMiddleware`
 * records each request (with the faults it applied) before any route sees it; tests and
 * `GET /__emulator/requests` read it, e.g. to count the attempts a client made. Requests to the
 * admin API (`/__emulator/...`) are not logged.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import type * as Fault from "./Fault.js"

/**
 * A request as it arrived, before anything answered it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Request {
  /** The Calls operation its method and path name; `undefined` when they name none. */
  readonly operation: Fault.Operation | undefined
  readonly method: string
  readonly path: string
  /** The `AccountSid` of its `/Accounts/{AccountSid}` path, if it has one. */
  readonly accountSid: string | undefined
  /** The faults applied to it, in order. */
  readonly faults: ReadonlyArray<Fault.Fault>
}

/**
 * A logged request, with the time (Effect's `Clock`) it was received.
 *
 * @since 0.1.0
 * @category models
 */
export interface ObservedRequest extends Request {
  readonly receivedAt: Date
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly record: (request: Request) => Effect.Effect<void>
  /** Every request logged, oldest first. */
  readonly requests: Effect.Effect<ReadonlyArray<ObservedRequest>>
  /** How many requests were logged, of one operation and/or project. */
  readonly count: (
    filter?: { readonly operation?: Fault.Operation; readonly accountSid?: string }
  ) => Effect.Effect<number>
  readonly clear: Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category tags
 * @example
 * ```ts
 * import { RequestLog } from "@effect-signalwire/emulator"
 * import { Effect } from "effect"
 *
 * const creates = await Effect.runPromise(
 *   Effect.gen(function*() {
 *     const log = yield* RequestLog.RequestLog
 *     yield* log.record({ operation: "createCall", method: "POST", path: "/api/laml/2010-04-01/Accounts/x/Calls", accountSid: "x", faults: [] })
 *     return yield* log.count({ operation: "createCall" })
 *   }).pipe(Effect.provide(RequestLog.layer))
 * )
 * assert.strictEqual(creates, 1)
 * ```
 */
export class RequestLog extends Context.Tag("@effect-signalwire/emulator/RequestLog")<RequestLog, Service>() {}

/**
 * An empty log in memory.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { RequestLog } from "@effect-signalwire/emulator"
 * import { Effect } from "effect"
 *
 * const requests = await Effect.runPromise(Effect.flatMap(RequestLog.make, (log) => log.requests))
 * assert.deepStrictEqual(requests, [])
 * ```
 */
export const make: Effect.Effect<Service> = Effect.map(Ref.make(Chunk.empty<ObservedRequest>()), (observed): Service => ({
  record: (request) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => Ref.update(observed, Chunk.append({ ...request, receivedAt: new Date(now) }))),
  requests: Effect.map(Ref.get(observed), Chunk.toReadonlyArray),
  count: (filter = {}) =>
    Effect.map(Ref.get(observed), (requests) =>
      Chunk.size(Chunk.filter(requests, (request) =>
        (filter.operation === undefined || request.operation === filter.operation) &&
        (filter.accountSid === undefined || request.accountSid === filter.accountSid)))),
  clear: Ref.set(observed, Chunk.empty())
}))

/**
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { RequestLog } from "@effect-signalwire/emulator"
 * import { Layer } from "effect"
 *
 * assert.strictEqual(Layer.isLayer(RequestLog.layer), true)
 * ```
 */
export const layer: Layer.Layer<RequestLog> = Layer.effect(RequestLog, make)
