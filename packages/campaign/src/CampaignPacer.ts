/**
 * One pacer for the whole cluster: a cluster entity (one per pacer key, i.e. per SignalWire
 * project) that hands out send slots at the configured rate. Every runner asks it before each
 * create, so N runners together stay under the project's calls-per-second limit.
 *
 * The entity answers at once with how long the caller must wait for its slot (its clock, the
 * slots `1 / callsPerSecond` apart); the caller sleeps that long. Asks are volatile (not
 * persisted): an ask lost with a runner is asked again. If the runner that hosts the pacer
 * dies, the entity starts afresh on another runner and may grant one slot early; SignalWire's
 * 429 (retried by the client, it is never processed) covers that edge.
 *
 * @since 0.1.0
 */
import * as Entity from "@effect/cluster/Entity"
import type * as Sharding from "@effect/cluster/Sharding"
import * as Rpc from "@effect/rpc/Rpc"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"

/**
 * Ask for the next send slot; the answer is the wait in milliseconds.
 *
 * @since 0.1.0
 * @category rpcs
 */
export const Acquire = Rpc.make("Acquire", {
  payload: { intervalMillis: Schema.Number },
  success: Schema.Number
})

/**
 * @since 0.1.0
 * @category entities
 */
export const PacerEntity = Entity.make("SignalWireCampaignPacer", [Acquire])

/**
 * The entity's behaviour: slots `intervalMillis` apart, first come first served.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerEntity: Layer.Layer<never, never, Sharding.Sharding> = PacerEntity.toLayer(
  Effect.sync(() => {
    let nextFree = 0
    return {
      Acquire: (request) =>
        Effect.map(Clock.currentTimeMillis, (now) => {
          const slot = Math.max(now, nextFree)
          nextFree = slot + request.payload.intervalMillis
          return slot - now
        })
    }
  }),
  { maxIdleTime: "5 minutes" }
)

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Waits for the next send slot of `key` at `callsPerSecond`. */
  readonly acquire: (key: string, callsPerSecond: number) => Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class CampaignPacer extends Context.Tag("@effect-signalwire/campaign/CampaignPacer")<CampaignPacer, Service>() {}

/**
 * Asks the cluster's pacer entity (each ask bounded by 10 s and asked again on failure, e.g.
 * while the entity moves to another runner).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, Sharding.Sharding> = Effect.gen(function*() {
  const makeClient = yield* PacerEntity.client
  return {
    acquire: (key, callsPerSecond) =>
      makeClient(key).Acquire({ intervalMillis: 1000 / callsPerSecond }).pipe(
        Effect.timeoutFail({ duration: "10 seconds", onTimeout: () => "timeout" as const }),
        Effect.sandbox,
        Effect.retry(Schedule.exponential("100 millis").pipe(Schedule.union(Schedule.spaced("2 seconds")))),
        Effect.orDie,
        Effect.flatMap((wait) => Effect.sleep(wait)),
        Effect.withSpan("CampaignPacer.acquire", { attributes: { key } })
      )
  }
})

/**
 * The client of the cluster pacer, together with the entity (every runner hosts its share).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<CampaignPacer, never, Sharding.Sharding> = Layer.merge(
  Layer.effect(CampaignPacer, make),
  layerEntity
)
