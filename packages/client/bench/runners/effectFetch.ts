/**
 * Our `createCall` over `FetchHttpClient.layer` (Node's global `fetch`, undici with keep-alive):
 * the layer is built once into a runtime, then the creates run as one `Effect.forEach`.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { makeRunner } from "./effectRunner.js"

export const make = (origin: string) => makeRunner(origin, FetchHttpClient.layer)
