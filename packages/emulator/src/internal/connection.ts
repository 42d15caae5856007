/**
 * How a transport drops a connection for a `Drop` fault: the Node server destroys the socket;
 * the in-process client fails the request as a transport error. The effect never returns: the
 * request's fiber is interrupted once the connection is gone.
 *
 * @internal
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { IncomingMessage } from "node:http"

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
        const source = request.source
        if (source instanceof IncomingMessage) source.socket.destroy()
        // Node interrupts the handler when its connection closes; other servers get no answer.
        return Effect.never
      })
  })
)
