/**
 * Size baseline: the same naive one-POST client as `naiveModules.ts`, importing the `effect` and
 * `@effect/platform` barrels instead of module paths.
 */
import { FetchHttpClient, HttpClient, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Effect, Schema } from "effect"

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
