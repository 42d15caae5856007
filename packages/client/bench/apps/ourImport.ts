/**
 * Start-up: only importing what `ourCreateCall.ts` imports from our client (module paths), to be
 * read against `effectModules.ts` (the Effect modules it builds on).
 */
import "@effect-signalwire/client/CreateCall"
import "@effect-signalwire/client/SignalWireClient"
