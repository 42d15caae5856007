/**
 * A Cloudflare Worker receiving status callbacks with `Webhook.toWebHandler`: the Signing Key
 * from the Worker's `env` bindings, the handler built on the first request. It answers a LaML
 * document naming the decoded status, so the test sees that the callback was verified and decoded.
 */
import { Webhook, WebhookConfig } from "@effect-signalwire/client"
import { StatusCallback } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

const app = Webhook.handler(StatusCallback.StatusCallback, (callback) =>
  Effect.succeed(`<Response><Say>${callback.callStatus} ${callback.sequenceNumber}</Say></Response>`))

let handler: ((request: Request) => Promise<Response>) | undefined

export default {
  fetch(request: Request, env: { readonly SIGNALWIRE_SIGNING_KEY: string }): Promise<Response> {
    handler ??= Webhook.toWebHandler(app, WebhookConfig.layer({ signingKey: Redacted.make(env.SIGNALWIRE_SIGNING_KEY) }))
    return handler(request)
  }
}
