/**
 * Placeholder until `@effect-signalwire/client` exports `createCall`: see the pending runner.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Layer from "effect/Layer"
import type { Runner } from "./Runner.js"

export const makeRunner = async (_origin: string, _httpClient: Layer.Layer<HttpClient.HttpClient>): Promise<Runner> => {
  throw new Error("our client is not written yet")
}
