/**
 * The pacer entity under the test clock: slots `(1000 + margin) / callsPerSecond` apart, first
 * come first served, at most the horizon ahead, and a fresh pacer's first grant after the horizon.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Entity from "@effect/cluster/Entity"
import * as ShardingConfig from "@effect/cluster/ShardingConfig"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import * as CampaignPacer from "../src/CampaignPacer.js"

const makeClient = Entity.makeTestClient(CampaignPacer.PacerEntity, CampaignPacer.layerEntity).pipe(
  Effect.provide(ShardingConfig.layer())
)

describe("CampaignPacer", () => {
  it.scoped("grants slots an interval apart, and asks beyond the horizon to come back", () =>
    Effect.gen(function*() {
      const pacer = yield* (yield* makeClient)("project")
      const answers = []
      for (let i = 0; i < 3; i++) answers.push(yield* pacer.Acquire({ intervalMillis: 1000 }))
      // A fresh pacer waits out the horizon (3 s): its first slot is 3 s away, the next would be
      // 4 s away, beyond the horizon.
      expect(answers).toEqual([
        { granted: true, waitMillis: 3000 },
        { granted: false, waitMillis: 1000 },
        { granted: false, waitMillis: 1000 }
      ])
      yield* TestClock.adjust("3 seconds")
      expect(yield* pacer.Acquire({ intervalMillis: 1000 })).toEqual({ granted: true, waitMillis: 1000 })
      expect(yield* pacer.Acquire({ intervalMillis: 1000 })).toEqual({ granted: true, waitMillis: 2000 })
      expect(yield* pacer.Acquire({ intervalMillis: 1000 })).toEqual({ granted: true, waitMillis: 3000 })
      expect(yield* pacer.Acquire({ intervalMillis: 1000 })).toEqual({ granted: false, waitMillis: 1000 })
      yield* TestClock.adjust("10 seconds")
      // Idle: the next slot is now.
      expect(yield* pacer.Acquire({ intervalMillis: 400 })).toEqual({ granted: true, waitMillis: 0 })
    }))

  it.scoped("keys are paced apart", () =>
    Effect.gen(function*() {
      const client = yield* makeClient
      const first = yield* client("project-a")
      const second = yield* client("project-b")
      yield* TestClock.adjust("4 seconds")
      expect(yield* first.Acquire({ intervalMillis: 500 })).toEqual({ granted: true, waitMillis: 0 })
      expect(yield* second.Acquire({ intervalMillis: 500 })).toEqual({ granted: true, waitMillis: 0 })
      expect(yield* first.Acquire({ intervalMillis: 500 })).toEqual({ granted: true, waitMillis: 500 })
    }))
})
