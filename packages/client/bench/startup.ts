/**
 * Start-up: how long Node takes, from spawn to exit, to load an app and (for the apps that do)
 * place one call against the local server, and its peak memory (maxRSS). Each app runs in a fresh
 * `node` with no loader, `rounds` times interleaved; the figures are medians.
 *
 * "Bundled" apps are esbuild bundles (minified ESM, platform node) of `apps/*.ts`. "Unbundled" apps
 * import their packages from `node_modules` as a user's Node app does, so ours load the BUILT
 * `dist/` of our packages: the harness runs `tsc -b packages/client/tsconfig.build.json` first
 * (incremental, near-instant when nothing changed).
 */
import * as esbuild from "esbuild"
import * as Fs from "node:fs"
import { createRequire } from "node:module"
import * as Os from "node:os"
import * as Path from "node:path"
import { appsDirectory, benchDirectory, bundle } from "./bundle.js"
import { median, runNode, runNodeOk } from "./processes.js"

type Build = "bundled" | "unbundled"

interface StartupApp {
  readonly id: string
  readonly label: string
  /** An app under `apps/`, or none for an empty Node. */
  readonly entry?: string
  readonly build?: Build
}

export const startupApps = [
  { id: "node", label: "empty Node (node -e 0)" },
  {
    id: "effect-modules",
    label: "import effect/Effect + effect/Schema + @effect/platform/HttpClient",
    entry: "effectModules.ts",
    build: "unbundled"
  },
  { id: "ours-import", label: "import { createCall, SignalWireClient } (dist)", entry: "ourImport.ts", build: "unbundled" },
  { id: "ours-unbundled", label: "our app, one create, unbundled (dist)", entry: "ourCreateCall.ts", build: "unbundled" },
  { id: "ours-bundled", label: "our app, one create, bundled", entry: "ourCreateCall.ts", build: "bundled" },
  {
    id: "ours-node-http-bundled",
    label: "our app over NodeHttpClient.layer (node:http), bundled",
    entry: "ourCreateCallNodeHttp.ts",
    build: "bundled"
  },
  { id: "sdk-unbundled", label: "official SDK app, one create, unbundled", entry: "sdkCreateCall.ts", build: "unbundled" },
  { id: "sdk-bundled", label: "official SDK app, one create, bundled", entry: "sdkCreateCall.ts", build: "bundled" }
] as const satisfies ReadonlyArray<StartupApp>

export type StartupAppId = (typeof startupApps)[number]["id"]

export interface StartupFigure {
  readonly wallMs: number
  /**
   * When the app printed the call's sid (ms since its process started), for the apps that place
   * one. Node 20's `fetch` keeps the process alive for ~150 ms after its last response (seen with
   * a bare `fetch` too, even with `Connection: close`), so for the fetch-based apps the wall time
   * to exit holds that wait and this is when the work was done.
   */
  readonly placedMs: number | undefined
  readonly maxRssMiB: number
}

/** Figures per app; an app that could not be built is missing (and said so on stderr). */
export type StartupReport = Partial<Record<StartupAppId, StartupFigure>>

const require = createRequire(import.meta.url)

/** Builds the `dist/` our unbundled apps import (tsc -b is incremental). */
const buildDist = async (): Promise<void> => {
  const tsc = require.resolve("typescript/bin/tsc")
  const project = Path.join(benchDirectory, "..", "tsconfig.build.json")
  const finished = await runNode([tsc, "-b", project], { timeoutMs: 300_000 })
  if (finished.code !== 0) {
    throw new Error(`tsc -b ${project} failed, so the unbundled start-up cannot be measured:\n${finished.stdout}`)
  }
}

/**
 * Writes each app where Node can run it. Unbundled apps are transpiled with their own relative
 * imports inlined and every package left as an import (`packages: "external"`); they live under
 * `bench/.bench/` (git-ignored) so those imports resolve from the repository's `node_modules`.
 */
const writeApp = async (app: StartupApp, directory: string): Promise<ReadonlyArray<string>> => {
  if (app.entry === undefined || app.build === undefined) return ["-e", "0"]
  const file = Path.join(directory, `${app.id}.js`)
  if (app.build === "bundled") {
    Fs.writeFileSync(file, (await bundle(app.entry, "node")).code)
  } else {
    await esbuild.build({
      entryPoints: [Path.join(appsDirectory, app.entry)],
      bundle: true,
      packages: "external",
      format: "esm",
      platform: "node",
      target: "es2022",
      outfile: file,
      logLevel: "silent"
    })
  }
  return [file]
}

/** The command line of each app that could be written; the others are reported and left out. */
const writeApps = async (directory: string): Promise<Map<StartupAppId, ReadonlyArray<string>>> => {
  Fs.mkdirSync(directory, { recursive: true })
  const distBuilt = await buildDist().then(
    () => true,
    (error: unknown) => {
      process.stderr.write(`start-up: ${String(error)}\n`)
      return false
    }
  )
  const commands = new Map<StartupAppId, ReadonlyArray<string>>()
  for (const app of startupApps as ReadonlyArray<StartupApp & { readonly id: StartupAppId }>) {
    if (!distBuilt && app.build === "unbundled" && app.entry?.startsWith("our") === true) continue
    try {
      commands.set(app.id, await writeApp(app, directory))
    } catch (error) {
      process.stderr.write(`start-up: ${app.label} left out, it does not build: ${String(error)}\n`)
    }
  }
  return commands
}

export const measureStartup = async (origin: string, rounds: number): Promise<StartupReport> => {
  // The .js files sit in a "type": "module" package, so Node runs them as ESM.
  const commands = await writeApps(Path.join(benchDirectory, ".bench", "startup"))
  // Reports peak memory as the process exits; one tiny CommonJS file, the same for every app.
  const temporary = Fs.mkdtempSync(Path.join(Os.tmpdir(), "signalwire-startup-"))
  const reporter = Path.join(temporary, "maxrss.cjs")
  Fs.writeFileSync(
    reporter,
    [
      "const fs=require('node:fs');const write=process.stdout.write.bind(process.stdout);let placed;",
      "process.stdout.write=(...args)=>{placed??=performance.now();return write(...args)};",
      "process.on('exit',()=>fs.writeSync(2,'\\n@maxrss='+process.resourceUsage().maxRSS+'\\n@placed='+(placed??'')+'\\n'))",
      ""
    ].join("\n")
  )
  // No NODE_OPTIONS (no loader), and no NODE_EXTRA_CA_CERTS: some machines set it globally (this
  // sandbox points it at the whole system bundle) and Node then parses that file at every start
  // (~40 ms here), while these apps only talk plain HTTP. `undefined` unsets a variable in the child.
  const environment = { NODE_OPTIONS: undefined, NODE_EXTRA_CA_CERTS: undefined, BENCH_ORIGIN: origin }
  const samples = new Map<StartupAppId, Array<StartupFigure>>()
  const ids = [...commands.keys()]
  try {
    for (let round = 0; round < rounds; round++) {
      // Rotate the order so no app always runs right after the same neighbour.
      for (const id of [...ids.slice(round % ids.length), ...ids.slice(0, round % ids.length)]) {
        const finished = await runNodeOk(["--require", reporter, ...(commands.get(id) ?? [])], {
          env: environment,
          timeoutMs: 30_000
        })
        const maxRssKiB = Number(/@maxrss=(\d+)/.exec(finished.stderr)?.[1])
        const figures = samples.get(id) ?? []
        const placed = /@placed=([\d.]+)/.exec(finished.stderr)?.[1]
        figures.push({ wallMs: finished.wallMs, maxRssMiB: maxRssKiB / 1024, placedMs: placed === undefined ? undefined : Number(placed) })
        samples.set(id, figures)
      }
    }
  } finally {
    Fs.rmSync(temporary, { recursive: true, force: true })
  }
  return Object.fromEntries(
    [...samples].map(([id, figures]) => [
      id,
      {
        wallMs: median(figures.map((f) => f.wallMs)),
        maxRssMiB: median(figures.map((f) => f.maxRssMiB)),
        placedMs: figures.every((f) => f.placedMs !== undefined) ? median(figures.map((f) => f.placedMs!)) : undefined
      }
    ])
  )
}
