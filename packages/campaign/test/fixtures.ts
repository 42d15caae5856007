/**
 * Test helpers: the emulator served over real HTTP on 127.0.0.1, our client pointed at it, and
 * campaign items to distinct demo numbers.
 */
import { SignalWireClient } from "@effect-signalwire/client"
import { Emulator, EmulatorServer, WebhookClient } from "@effect-signalwire/emulator"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import type * as Schema from "effect/Schema"
import type * as CampaignItem from "../src/CampaignItem.js"
import * as CampaignRunner from "../src/CampaignRunner.js"

export const projectId = "b3877c40-da60-4998-90ad-b792e98472af"
export const authToken = "PTcampaign-test-token"

/** The emulator over HTTP, with calls that end quickly (and a calls-per-second limit if given). */
export const emulatorLive = (options?: { readonly callsPerSecond?: number }) =>
  EmulatorServer.layer().pipe(
    Layer.provideMerge(Emulator.layer({
      projects: [{ projectId, authToken }],
      timings: { queued: "100 millis", ringing: "100 millis", inProgress: "200 millis" },
      ...options
    })),
    Layer.provide(WebhookClient.layerFetch)
  )

export const EmulatorLive = emulatorLive()

/** Our client and the lookup, against the emulator served in context. */
export const clientFor = (space: string, options?: { readonly requestTimeout?: Duration.DurationInput }) =>
  CampaignRunner.layerClient(SignalWireClient.layer({ projectId, authToken: Redacted.make(authToken), space, ...options })).pipe(
    Layer.provide(FetchHttpClient.layer),
    Layer.orDie
  )

/** The number of item `index` (distinct for up to 10,000 items). */
export const numberOf = (index: number) => `+1310555${String(index).padStart(4, "0")}`

/** `count` items, each to its own number. */
export const items = (count: number, prefix = "item"): ReadonlyArray<Schema.Schema.Encoded<typeof CampaignItem.CampaignItem>> =>
  Array.from({ length: count }, (_, index) => ({
    id: `${prefix}-${index}`,
    request: {
      to: numberOf(index),
      from: "+13103384645",
      twiml: "<Response><Say>Reminder</Say></Response>"
    }
  }))


/** A fresh temporary directory, removed with the scope. */
export const tempDir = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "campaign-test-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
)
