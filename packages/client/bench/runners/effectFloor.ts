/**
 * Diagnostic, not a competitor: the least an Effect program can do to create a call through a
 * given `HttpClient` layer: one POST of the prepared form body with the same headers, its JSON
 * read, no validation, no decoding, no retry, no timeout. Our `createCall` over the same layer
 * can approach this figure, not beat it; the gap to raw fetch above it is the HttpClient's own.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import type * as Layer from "effect/Layer"
import { basicAuthorization, createFormBody, createPath } from "../shared.js"
import { expectedSid, type Runner } from "./Runner.js"

export const makeFloorRunner = async (origin: string, httpClient: Layer.Layer<HttpClient.HttpClient>): Promise<Runner> => {
  const runtime = ManagedRuntime.make(httpClient)
  const client = await runtime.runPromise(HttpClient.HttpClient)
  const request = HttpClientRequest.post(`${origin}${createPath}`).pipe(
    HttpClientRequest.setHeaders({ accept: "application/json", authorization: basicAuthorization }),
    HttpClientRequest.bodyText(createFormBody, "application/x-www-form-urlencoded")
  )
  const once = client.execute(request).pipe(
    Effect.flatMap((response) => response.json),
    Effect.flatMap((call) =>
      (call as { readonly sid?: unknown }).sid === expectedSid ? Effect.void : Effect.dieMessage("Effect floor: unexpected answer")
    )
  )
  return {
    run: (count, concurrency) =>
      runtime.runPromise(Effect.forEach(Array.from({ length: count }), () => once, { concurrency, discard: true })),
    close: () => runtime.dispose()
  }
}
