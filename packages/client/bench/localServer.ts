/**
 * Starts `server.ts` in its own process and talks to it: its two origins, and how many creates it
 * served since last asked (so every measurement is checked against what actually hit the wire).
 */
import * as ChildProcess from "node:child_process"
import * as Path from "node:path"
import * as Readline from "node:readline"
import { benchDirectory } from "./bundle.js"
import type { Certificate } from "./certificate.js"
import { tsxLoader } from "./processes.js"

export interface ServedCount {
  readonly creates: number
  readonly refused: number
  /** Connections that carried at least one create. */
  readonly connections: number
}

export interface LocalServer {
  readonly httpOrigin: string
  readonly httpsOrigin: string
  /** Creates served, requests refused and connections accepted since the previous call. */
  readonly takeCount: () => Promise<ServedCount>
  readonly stop: () => void
}

export const startLocalServer = async (certificate: Certificate): Promise<LocalServer> => {
  const child = ChildProcess.spawn(
    process.execPath,
    ["--import", tsxLoader, Path.join(benchDirectory, "server.ts"), certificate.keyFile, certificate.certFile],
    { stdio: ["pipe", "pipe", "inherit"] }
  )
  const lines = Readline.createInterface({ input: child.stdout })
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve)
    child.once("exit", (code) => reject(new Error(`the benchmark server exited early (${code})`)))
  })
  lines.close()
  const ports = JSON.parse(firstLine) as { readonly http: number; readonly https: number }
  const httpOrigin = `http://127.0.0.1:${ports.http}`
  return {
    httpOrigin,
    httpsOrigin: `https://127.0.0.1:${ports.https}`,
    takeCount: async () => {
      const response = await fetch(`${httpOrigin}/__bench/count`)
      return (await response.json()) as ServedCount
    },
    // Closing its stdin is the server's signal to exit.
    stop: () => child.stdin.end()
  }
}
