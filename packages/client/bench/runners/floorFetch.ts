/**
 * Diagnostic: the bare Effect POST (see `effectFloor.ts`) over `FetchHttpClient.layer`.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { makeFloorRunner } from "./effectFloor.js"

export const make = (origin: string) => makeFloorRunner(origin, FetchHttpClient.layer)
