/**
 * One pacer for the whole cluster: a cluster entity (one per pacer key, i.e. per SignalWire
 * project) that hands out send slots at the configured rate. Every runner asks it before each
 * create, so N runners together stay under the project's calls-per-second limit.
 *
 * The entity answers at once with how long the caller must wait for its slot (by its clock, the
 * slots `(1000 + margin) / callsPerSecond` ms apart, at most three seconds ahead); the caller sleeps
 * that long. Asks are volatile (not persisted): an ask lost with a runner is asked again. If the
 * runner that hosts the pacer dies, the entity starts afresh on another runner and waits out the
 * horizon before its first grant, so its slots never overlap its predecessor's. A 429 that gets
 * through anyway is retried by the client (it is never processed).
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
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"

/**
 * Ask for the next send slot, `intervalMillis` after the previous one. The answer is either a
 * grant (send after `waitMillis`) or, when the next free slot is further ahead than the
 * horizon, a refusal (ask again after `waitMillis`).
 *
 * @since 0.1.0
 * @category rpcs
 */
export const Acquire = Rpc.make("Acquire", {
  payload: { intervalMillis: Schema.Finite.pipe(Schema.nonNegative()) },
  success: Schema.Struct({ granted: Schema.Boolean, waitMillis: Schema.Finite })
})

/**
 * @since 0.1.0
 * @category entities
 */
export const PacerEntity = Entity.make("SignalWireCampaignPacer", [Acquire])

/**
 * How far ahead the pacer grants slots (enough for a campaign's 50 items in flight at 20 calls/s
 * without a refusal). A pacer that starts (first use, or after the runner
 * that hosted it died) waits this long before its first grant, so that its slots never overlap
 * those its predecessor granted.
 *
 * @since 0.1.0
 * @category defaults
 */
export const horizonMillis = 3000

/**
 * The entity's behaviour: slots `intervalMillis` apart, first come first served, at most
 * `horizonMillis` ahead.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerEntity: Layer.Layer<never, never, Sharding.Sharding> = PacerEntity.toLayer(
  Effect.map(Clock.currentTimeMillis, (startedAt) => {
    let nextFree = startedAt + horizonMillis
    return PacerEntity.of({
      Acquire: (request) =>
        Effect.map(Clock.currentTimeMillis, (now) => {
          const slot = Math.max(now, nextFree)
          if (slot - now > horizonMillis) return { granted: false, waitMillis: slot - now - horizonMillis }
          nextFree = slot + request.payload.intervalMillis
          return { granted: true, waitMillis: slot - now }
        })
    })
  }),
  { maxIdleTime: "5 minutes" }
)

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * Waits for the next send slot of `key` at `callsPerSecond`, the slots of each second spread
   * over `1000 + marginMillis` ms.
   */
  readonly acquire: (key: string, callsPerSecond: number, marginMillis?: number) => Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class CampaignPacer extends Context.Tag("@effect-signalwire/campaign/CampaignPacer")<CampaignPacer, Service>() {}

/**
 * The slack left per second of slots (ms): the time between a grant and the request reaching
 * SignalWire varies (network, a busy runner), and a limit counted over any window of a second
 * must not see two seconds' worth of slots squeezed together.
 *
 * @since 0.1.0
 * @category defaults
 */
export const defaultMarginMillis = 100

/**
 * Asks the cluster's pacer entity (each ask bounded by 10 s and asked again on failure, e.g.
 * while the entity moves to another runner).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, Sharding.Sharding> = Effect.gen(function*() {
  const makeClient = yield* PacerEntity.client
  const ask = (key: string, intervalMillis: number) =>
    makeClient(key).Acquire({ intervalMillis }).pipe(
      Effect.timeoutFail({ duration: "10 seconds", onTimeout: () => "timeout" as const }),
      Effect.sandbox,
      Effect.retry(Schedule.exponential("100 millis").pipe(Schedule.union(Schedule.spaced("2 seconds")))),
      Effect.orDie
    )
  return {
    acquire: (key, callsPerSecond, marginMillis = defaultMarginMillis) => {
      const intervalMillis = (1000 + marginMillis) / callsPerSecond
      const loop: Effect.Effect<void> = Effect.flatMap(
        ask(key, intervalMillis),
        ({ granted, waitMillis }) =>
          granted
            ? Effect.sleep(waitMillis)
            // Refused callers are told the same time: spread their next asks over a second.
            : Effect.flatMap(Random.nextIntBetween(0, 1000), (jitter) => Effect.zipRight(Effect.sleep(waitMillis + jitter), loop))
      )
      return loop.pipe(Effect.withSpan("CampaignPacer.acquire", { attributes: { key } }))
    }
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
