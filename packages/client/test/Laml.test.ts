/**
 * A LaML document as `createCall`'s and `updateCall`'s `twiml`: checked and rendered before
 * anything is sent, the XML what a real HTTP server on 127.0.0.1 receives as `Twiml`.
 */
import { describe, expect, it } from "@effect/vitest"
import { createCall } from "@effect-signalwire/client"
import { updateCall } from "@effect-signalwire/client/UpdateCall"
import { Laml } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { clientLayer, created, createdCallJson, failureOf, json, make, paramsOf } from "./wireServer.js"

const to = "+13105678901"
const from = "+13103384645"

describe("createCall with a Laml document", () => {
  it.scopedLive("sends the rendered document as Twiml, a caller's text escaped", () =>
    Effect.gen(function*() {
      const server = yield* make(() => created)
      const callerName = "Ada </Say><Dial>+19995550000</Dial><Say>"
      const document = Laml.response([
        Laml.gather({ numDigits: 1, action: "https://example.com/menu" }, [Laml.say(`Hello ${callerName}, press 1`)]),
        Laml.hangup()
      ])
      yield* createCall({ to, from, twiml: document }).pipe(Effect.provide(clientLayer(server.origin, FetchHttpClient.layer)))
      const [request] = yield* server.requests
      const twiml = paramsOf(request!).filter(([name]) => name === "Twiml").map(([, value]) => value)
      expect(twiml).toStrictEqual([yield* Laml.encode(document)])
      expect(twiml[0]).toContain("Hello Ada &lt;/Say&gt;&lt;Dial&gt;+19995550000&lt;/Dial&gt;&lt;Say&gt;, press 1")
      expect(twiml[0]!.match(/<Dial/g)).toBeNull()
    }))

  it.scopedLive("a broken document is an InvalidRequest naming each rule's path under twiml; nothing is sent", () =>
    Effect.gen(function*() {
      const server = yield* make(() => created)
      const document = Laml.response([Laml.gather({ numDigits: 0, finishOnKey: "x" }, [Laml.say("Hi")]), Laml.dial("555")])
      const error = yield* failureOf(
        createCall({ to, from, twiml: document }).pipe(Effect.provide(clientLayer(server.origin, FetchHttpClient.layer)))
      )
      expect(error._tag).toBe("InvalidRequest")
      if (error._tag === "InvalidRequest") {
        expect(error.violations.map((violation) => violation.path.join("."))).toStrictEqual([
          "twiml.verbs.0.attributes.finishOnKey",
          "twiml.verbs.0.attributes.numDigits",
          "twiml.verbs.1.children.0.text"
        ])
        expect(error.message).toContain("twiml.verbs.0.attributes.numDigits: must be an integer from 1 to 100 (got 0)")
      }
      expect(yield* server.count).toBe(0)
    }))

  it.scopedLive("updateCall redirects a call to a document, sent as Twiml once checked", () =>
    Effect.gen(function*() {
      const server = yield* make(() => json(200, createdCallJson))
      const document = Laml.response([Laml.say("Transferring you now."), Laml.dial({ timeout: 30 }, "sip:desk@example.com")])
      const sid = String(createdCallJson.sid)
      yield* updateCall(sid, { twiml: document }).pipe(Effect.provide(clientLayer(server.origin, FetchHttpClient.layer)))
      const [request] = yield* server.requests
      expect(request!.path).toContain(`/Calls/${sid}`)
      expect(paramsOf(request!)).toStrictEqual([["Twiml", yield* Laml.encode(document)]])
    }))
})
