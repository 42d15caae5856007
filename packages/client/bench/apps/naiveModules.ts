/**
 * Size baseline: a naive one-POST Effect client with Schema and FetchHttpClient, importing module
 * paths as our packages do. No validation of the input, no typed errors, no retries.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

const Call = Schema.Struct({ sid: Schema.String, status: Schema.String, to: Schema.String, from: Schema.String })

const createCall = (form: Record<string, string>) =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    const request = HttpClientRequest.post("https://example.signalwire.com/api/laml/2010-04-01/Accounts/p/Calls.json").pipe(
      HttpClientRequest.basicAuth("project", "token"),
      HttpClientRequest.bodyUrlParams(form)
    )
    const response = yield* client.execute(request)
    return yield* HttpClientResponse.schemaBodyJson(Call)(response)
  })

Effect.runFork(createCall({ To: "+13105678901", From: "+13103384645", Url: "https://example.com/voice.xml" }).pipe(
  Effect.provide(FetchHttpClient.layer)
))
