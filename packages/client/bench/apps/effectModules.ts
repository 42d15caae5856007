/**
 * Start-up baseline: importing only the Effect modules any Effect HTTP client with Schema needs.
 * Our client's unbundled start-up is read against this one.
 */
import "effect/Effect"
import "effect/Schema"
import "@effect/platform/HttpClient"
