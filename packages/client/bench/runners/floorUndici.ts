/**
 * Diagnostic: the bare Effect POST (see `effectFloor.ts`) over `NodeHttpClient.layerUndici`.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { makeFloorRunner } from "./effectFloor.js"

export const make = (origin: string) => makeFloorRunner(origin, NodeHttpClient.layerUndici)
