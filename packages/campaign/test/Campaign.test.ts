import { describe, expect, it } from "@effect/vitest"
import { Emulator, EmulatorServer } from "@effect-signalwire/emulator"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Campaign from "../src/Campaign.js"
import * as CampaignRunner from "../src/CampaignRunner.js"
import { clientFor, EmulatorLive, items, tempDir } from "./fixtures.js"

describe("Campaign on SQLite", () => {
  it.scopedLive("places every item once and reports each call's sid", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const space = yield* EmulatorServer.url
      const dir = yield* tempDir
      const runner = CampaignRunner.layerSqlite({ filename: `${dir}/campaign.db` }).pipe(Layer.provide(clientFor(space)))
      const report = yield* Campaign.run({ campaignId: "smoke", items: items(10), options: { callsPerSecond: 50 } }).pipe(
        Effect.provide(runner)
      )
      const calls = yield* emulator.calls
      expect(report.counts.placed).toBe(10)
      expect(calls.length).toBe(10)
      expect(new Set(report.placed.map((item) => item.sid))).toEqual(new Set(calls.map((call) => call.sid)))
    }).pipe(Effect.provide(EmulatorLive)), 60_000)
})
