// Runs against the packed tarballs (dist/, default conditions) with plain Node: every package
// imports by name and by deep module path, and a call goes through the client into the
// emulator in-process.
import { Campaign, CampaignRunner } from "@effect-signalwire/campaign"
import { layerSqlite } from "@effect-signalwire/campaign/CampaignRunner"
import { createCall, SignalWireClient } from "@effect-signalwire/client"
import * as WebhookSignature from "@effect-signalwire/client/WebhookSignature"
import { createCall as createCallDeep } from "@effect-signalwire/client/CreateCall"
import { EmulatorClient, WebhookClient } from "@effect-signalwire/emulator"
import { layerFetch } from "@effect-signalwire/emulator/WebhookClient"
import { CreateCallRequest } from "@effect-signalwire/schema"
import * as Laml from "@effect-signalwire/schema/Laml"
import { PhoneNumber } from "@effect-signalwire/schema/PhoneNumber"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import assert from "node:assert/strict"

const project = { projectId: "b3877c40-da60-4998-90ad-b792e98472af", authToken: "PTpack-check" }

assert.equal(createCall, createCallDeep, "the barrel and the deep import are one function")
assert.equal(WebhookClient.layerFetch, layerFetch, "the barrel and the deep import are one layer")
assert.equal(Schema.decodeUnknownSync(PhoneNumber)("+13105678901"), "+13105678901")

const request = await Effect.runPromise(
  CreateCallRequest.decode({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" })
)

const layer = SignalWireClient.layer({
  projectId: project.projectId,
  authToken: Redacted.make(project.authToken),
  space: "emulator.invalid"
}).pipe(
  Layer.provide(EmulatorClient.layerWithEmulator({ projects: [project] })),
  Layer.provide(WebhookClient.layerFetch)
)

const call = await Effect.runPromise(Effect.scoped(Effect.provide(createCall(request), layer)))
assert.equal(call.to, "+13105678901")
assert.equal(call.status, "queued")

// A LaML document as twiml, from the deep module path.
const greeted = await Effect.runPromise(
  Effect.scoped(Effect.provide(createCall({ to: "+13105678901", from: "+13103384645", twiml: Laml.response([Laml.say("Hi & bye")]) }), layer))
)
assert.equal(greeted.status, "queued")

const invalid = await Effect.runPromise(Effect.flip(Effect.provide(createCall({ to: "nope" }), layer)))
assert.equal(invalid._tag, "InvalidRequest")

// Twilio's documented signature, computed with WebCrypto from the published client.
const signature = await Effect.runPromise(WebhookSignature.sign({
  signingKey: Redacted.make("12345"),
  url: "https://mycompany.com/myapp.php?foo=1&bar=2",
  params: { CallSid: "CA1234567890ABCDE", Caller: "+12349013030", Digits: "1234", From: "+12349013030", To: "+18005551212" }
}))
assert.equal(signature, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")

assert.equal(CampaignRunner.layerSqlite, layerSqlite, "the barrel and the deep import are one function")
const campaign = await Effect.runPromise(Effect.scoped(
  Campaign.run({
    campaignId: "pack-check",
    items: ["+13105678901", "+13105678902"].map((to, index) => ({ id: `item-${index}`, request: { to, from: "+13103384645", url: "https://example.com/voice.xml" } })),
    options: { callsPerSecond: 100 }
  }).pipe(Effect.provide(CampaignRunner.layerSqlite({ filename: ":memory:" }).pipe(
    Layer.provide(CampaignRunner.layerClient(SignalWireClient.layer({
      projectId: project.projectId,
      authToken: Redacted.make(project.authToken),
      space: "emulator.invalid"
    }))),
    Layer.provide(EmulatorClient.layerWithEmulator({ projects: [project] })),
    Layer.provide(WebhookClient.layerFetch)
  )))
))
assert.equal(campaign.counts.placed, 2)

console.log(`pack-check: the packed packages work (created ${call.sid}, refused invalid input: ${invalid.violations.length} violations, a campaign placed ${campaign.counts.placed} calls)`)
