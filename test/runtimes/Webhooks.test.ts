/**
 * `Webhook.toWebHandler` on workerd (Miniflare): status callbacks the emulator signed (captured
 * as sent: URL, headers, form body) are replayed into the bundled Worker, which verifies them
 * with WebCrypto against its own request URL and decodes them; a changed body or another key is
 * refused with 403. (Node runs the same handler in packages/emulator/test/Webhooks.test.ts.)
 */
import { Emulator, WebhookClient } from "@effect-signalwire/emulator"
import { CreateCallRequest, Sid } from "@effect-signalwire/schema"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import * as TestClock from "effect/TestClock"
import * as esbuild from "esbuild"
import { Miniflare } from "miniflare"
import * as path from "node:path"

const root = path.resolve(import.meta.dirname, "../..")
const out = path.join(root, "build", "runtimes-webhooks")
const project = { projectId: "b3877c40-da60-4998-90ad-b792e98472af", authToken: "PTmatrix-token", signingKey: "PSworker-signing-key" }

interface Sent {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** The emulator's status callbacks for one call that completes, as it sent them. */
const emulatorCallbacks = (statusCallback: string) =>
  Effect.gen(function*() {
    const sent = yield* Queue.unbounded<Sent>()
    const capture = HttpClient.make((request, url) =>
      Effect.gen(function*() {
        const body = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : ""
        yield* Queue.offer(sent, { url: url.toString(), headers: request.headers, body })
        return HttpClientResponse.fromWeb(request, new Response(null, { status: 204 }))
      }))
    const emulator = yield* Emulator.make({ projects: [project] }).pipe(Effect.provideService(WebhookClient.WebhookClient, capture))
    // Through the engine (no HTTP): the request as the HTTP app decodes it.
    const request = yield* Effect.orDie(CreateCallRequest.decode({
      to: "+13105678901",
      from: "+13103384645",
      url: "https://example.com/voice.xml",
      statusCallback,
      statusCallbackEvent: ["ringing", "completed"]
    }))
    yield* emulator.createCall(Sid.ProjectId.make(project.projectId), request)
    yield* TestClock.adjust("1 minute")
    // Signing goes through WebCrypto (a real promise): wait for both deliveries rather than
    // reading the queue the moment the test clock has moved.
    return yield* Effect.replicateEffect(Queue.take(sent), 2)
  })

describe("Webhook.toWebHandler on workerd", () => {
  it.scoped("verifies and decodes the callbacks the emulator signed; refuses a changed body or another key", () =>
    Effect.gen(function*() {
      yield* Effect.promise(() =>
        esbuild.build({
          entryPoints: [path.join(import.meta.dirname, "webhookWorker.ts")],
          outfile: path.join(out, "webhookWorker.mjs"),
          bundle: true,
          format: "esm",
          platform: "neutral",
          mainFields: ["module", "main"],
          conditions: ["@effect-signalwire/source"],
          logLevel: "warning"
        }))
      const worker = (signingKey: string) =>
        Effect.acquireRelease(
          Effect.sync(() => new Miniflare({ modules: true, scriptPath: path.join(out, "webhookWorker.mjs"), compatibilityDate: "2025-09-01", bindings: { SIGNALWIRE_SIGNING_KEY: signingKey } })),
          (mf) => Effect.promise(() => mf.dispose())
        )
      const url = "https://hooks.example.workers.dev/status?tenant=7"
      const callbacks = yield* emulatorCallbacks(url)
      expect(callbacks.map((callback) => new URLSearchParams(callback.body).get("CallStatus"))).toStrictEqual(["ringing", "completed"])
      const deliver = (mf: Miniflare, callback: Sent, body = callback.body) =>
        Effect.promise(async () => {
          // The length is the body's own (a changed body has another): everything else as sent.
          const { "content-length": _length, ...headers } = callback.headers
          const response = await mf.dispatchFetch(callback.url, { method: "POST", headers, body })
          return { status: response.status, type: response.headers.get("content-type"), text: await response.text() }
        })

      const mf = yield* worker(project.signingKey)
      expect(yield* deliver(mf, callbacks[0]!)).toStrictEqual({ status: 200, type: "text/xml", text: "<Response><Say>ringing 0</Say></Response>" })
      expect(yield* deliver(mf, callbacks[1]!)).toStrictEqual({ status: 200, type: "text/xml", text: "<Response><Say>completed 1</Say></Response>" })
      expect((yield* deliver(mf, callbacks[1]!, callbacks[1]!.body.replace("completed", "canceled"))).status).toBe(403)

      const other = yield* worker(project.authToken)
      expect((yield* deliver(other, callbacks[0]!)).status).toBe(403)
    }))
})
