/**
 * A client nobody here wrote: the official SDK, `@signalwire/compatibility-api` 3.2.0, against
 * the emulator's HTTP server. Its code paths are unchanged; only its base URL points at the
 * emulator, by the same assignment its own `RestClient` makes (`client.api.baseUrl =
 * "https://" + space`), because it always builds an https:// URL from the space.
 */
import { describe, expect, it } from "@effect/vitest"
import type { Emulator } from "@effect-signalwire/emulator"
import type { RestException } from "@signalwire/compatibility-api"
import { RestClient } from "@signalwire/compatibility-api"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import { authToken, callbackListener, paramsOf, projectId, serveEmulator, signingKey } from "./utils.js"

// Quick to answer, then in progress until hung up.
const fast: Emulator.Options = { timings: { queued: 20, initiated: 20, ringing: 20, inProgress: "1 hour" } }

const sdkFor = (url: string) => {
  const client = RestClient(projectId, authToken, { signalwireSpaceUrl: new URL(url).host })
  ;(client.api as { baseUrl: string }).baseUrl = url
  return client
}

const sdk = <A>(promise: () => Promise<A>) => Effect.promise(promise)
const sdkError = (promise: () => Promise<unknown>) =>
  Effect.flip(Effect.tryPromise({ try: promise, catch: (error) => error as RestException }))

describe("the official SDK against the emulator", () => {
  it.scopedLive("creates, fetches, lists, updates and deletes calls; its callbacks validate with the SDK's validateRequest", () =>
    Effect.gen(function*() {
      const { log, url } = yield* serveEmulator(fast)
      const listener = yield* callbackListener
      const client = sdkFor(url)

      const created = yield* sdk(() =>
        client.calls.create({
          to: "+13105678901",
          from: "+13103384645",
          url: "https://example.com/voice.xml",
          statusCallback: listener.url,
          statusCallbackEvent: ["initiated", "ringing", "answered", "completed"]
        })
      )
      expect(created).toMatchObject({ accountSid: projectId, status: "queued", to: "+13105678901", direction: "outbound-api" })
      expect(created.dateCreated).toBeInstanceOf(Date)
      // It sent to /2010-04-01/...Calls.json, as captured in official-sdk-wire.json.
      expect((yield* log.requests)[0]).toMatchObject({
        operation: "createCall",
        path: `/2010-04-01/Accounts/${projectId}/Calls.json`
      })

      // initiated, ringing, answered: each signed as the SDK expects.
      const received = [yield* Queue.take(listener.received), yield* Queue.take(listener.received), yield* Queue.take(listener.received)]
      expect(received.map((r) => paramsOf(r).CallStatus)).toStrictEqual(["initiated", "ringing", "in-progress"])
      for (const r of received) {
        expect(RestClient.validateRequest(signingKey, r.headers["x-twilio-signature"]!, r.url, paramsOf(r))).toBe(true)
        expect(RestClient.validateRequest(signingKey, r.headers["x-signalwire-signature"]!, r.url, paramsOf(r))).toBe(true)
        expect(RestClient.validateRequest("PSanother-key", r.headers["x-twilio-signature"]!, r.url, paramsOf(r))).toBe(false)
      }

      const fetched = yield* sdk(() => client.calls(created.sid).fetch())
      expect(fetched).toMatchObject({ sid: created.sid, status: "in-progress" })
      expect(fetched.startTime).toBeInstanceOf(Date)

      const hungUp = yield* sdk(() => client.calls(created.sid).update({ status: "completed" }))
      expect(hungUp.status).toBe("completed")
      const completed = yield* Queue.take(listener.received)
      expect(paramsOf(completed)).toMatchObject({ CallStatus: "completed", SequenceNumber: "3" })

      const listed = yield* sdk(() => client.calls.list({ to: "+13105678901" }))
      expect(listed.map((call) => call.sid)).toStrictEqual([created.sid])

      expect(yield* sdk(() => client.calls(created.sid).remove())).toBe(true)
      const gone = yield* sdkError(() => client.calls(created.sid).fetch())
      expect(gone).toMatchObject({ status: 404, code: 20404 })
    }))

  it.scopedLive("follows the emulator's paging links through every page", () =>
    Effect.gen(function*() {
      const { url } = yield* serveEmulator(fast)
      const client = sdkFor(url)
      const sids: Array<string> = []
      for (let i = 0; i < 5; i++) {
        sids.unshift((yield* sdk(() => client.calls.create({ to: "+13105678901", from: "+13103384645", url: "https://example.com/v.xml" }))).sid)
      }
      const listed = yield* sdk(() => client.calls.list({ pageSize: 2 }))
      expect(listed.map((call) => call.sid)).toStrictEqual(sids)
    }))

  it.scopedLive("surfaces the emulator's errors as its RestException, with SignalWire's codes", () =>
    Effect.gen(function*() {
      const { url } = yield* serveEmulator(fast)
      const intruder = RestClient(projectId, "PTwrong", { signalwireSpaceUrl: "example.signalwire.com" })
      ;(intruder.api as { baseUrl: string }).baseUrl = url
      const denied = yield* sdkError(() => intruder.calls.list())
      expect(denied).toMatchObject({ status: 401, code: 20003, message: "Authentication failed" })

      const client = sdkFor(url)
      const created = yield* sdk(() => client.calls.create({ to: "+13105678901", from: "+13103384645", url: "https://example.com/v.xml" }))
      const notYet = yield* sdkError(() => client.calls(created.sid).remove())
      expect(notYet).toMatchObject({ status: 422, code: 20009 })
      const invalid = yield* sdkError(() => client.calls.create({ to: "+13105678901", from: "+13103384645" }))
      expect(invalid).toMatchObject({ status: 400 })
    }))
})
