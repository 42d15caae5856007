/**
 * Our `createCall` over `NodeHttpClient.layerUndici` (an undici `Agent` owned by the layer).
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { makeRunner } from "./effectRunner.js"

export const make = (origin: string) => makeRunner(origin, NodeHttpClient.layerUndici)
