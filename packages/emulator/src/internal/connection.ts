/**
 * How a transport drops a connection for a `Drop` fault: on Node's server the request's socket
 * is destroyed; the in-process client fails the request as a transport error. The effect never returns: the
 * request's fiber is interrupted once the connection is gone.
 *
 * @internal
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

/** @internal */
export class ConnectionDrop extends Context.Tag("@effect-signalwire/emulator/internal/ConnectionDrop")<
  ConnectionDrop,
  Effect.Effect<never>
>() {}

/** @internal */
export const drop: Effect.Effect<never, never, HttpServerRequest.HttpServerRequest> = Effect.flatMap(
  Effect.serviceOption(ConnectionDrop),
  Option.match({
    onSome: (drop) => drop,
    onNone: () =>
      Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
        // Node's request (an IncomingMessage) has its socket: destroying it is a dropped connection,
        // and Node interrupts the handler. Other servers get no answer. (No Node import: the app
        // runs on any HttpServer.)
        const socket = (request.source as { readonly socket?: { readonly destroy?: unknown } }).socket
        if (typeof socket?.destroy === "function") (socket as { destroy: () => void }).destroy()
        return Effect.never
      })
  })
)
