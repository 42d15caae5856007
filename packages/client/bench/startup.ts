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
  { id: "sdk-unbundled", label: "official SDK app, one create, unbundled", entry: "sdkCreateCall.ts", build: "unbundled" },
  { id: "sdk-bundled", label: "official SDK app, one create, bundled", entry: "sdkCreateCall.ts", build: "bundled" }
] as const satisfies ReadonlyArray<StartupApp>

export type StartupAppId = (typeof startupApps)[number]["id"]

export interface StartupFigure {
  readonly wallMs: number
  readonly maxRssMiB: number
}

export type StartupReport = Record<StartupAppId, StartupFigure>

const require = createRequire(import.meta.url)

/** Builds the `dist/` our unbundled apps import (tsc -b is incremental). */
export const buildDist = async (): Promise<void> => {
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
const writeApps = async (directory: string): Promise<Record<StartupAppId, ReadonlyArray<string>>> => {
  Fs.mkdirSync(directory, { recursive: true })
  const commands = {} as Record<StartupAppId, ReadonlyArray<string>>
  for (const app of startupApps as ReadonlyArray<StartupApp & { readonly id: StartupAppId }>) {
    if (app.entry === undefined || app.build === undefined) {
      commands[app.id] = ["-e", "0"]
      continue
    }
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
    commands[app.id] = [file]
  }
  return commands
}

export const measureStartup = async (origin: string, rounds: number): Promise<StartupReport> => {
  await buildDist()
  // The .js files sit in a "type": "module" package, so Node runs them as ESM.
  const commands = await writeApps(Path.join(benchDirectory, ".bench", "startup"))
  // Reports peak memory as the process exits; one tiny CommonJS file, the same for every app.
  const temporary = Fs.mkdtempSync(Path.join(Os.tmpdir(), "signalwire-startup-"))
  const reporter = Path.join(temporary, "maxrss.cjs")
  Fs.writeFileSync(reporter, "process.on('exit',()=>require('node:fs').writeSync(2,'\\n@maxrss='+process.resourceUsage().maxRSS+'\\n'))\n")
  const { NODE_OPTIONS: _ignored, ...environment } = process.env
  const samples = new Map<StartupAppId, Array<StartupFigure>>()
  const ids = startupApps.map((app) => app.id)
  try {
    for (let round = 0; round < rounds; round++) {
      // Rotate the order so no app always runs right after the same neighbour.
      for (const id of [...ids.slice(round % ids.length), ...ids.slice(0, round % ids.length)]) {
        const finished = await runNodeOk(["--require", reporter, ...commands[id]], {
          env: { ...environment, BENCH_ORIGIN: origin },
          timeoutMs: 30_000
        })
        const maxRssKiB = Number(/@maxrss=(\d+)/.exec(finished.stderr)?.[1])
        const figures = samples.get(id) ?? []
        figures.push({ wallMs: finished.wallMs, maxRssMiB: maxRssKiB / 1024 })
        samples.set(id, figures)
      }
    }
  } finally {
    Fs.rmSync(temporary, { recursive: true, force: true })
  }
  return Object.fromEntries(
    ids.map((id) => {
      const figures = samples.get(id) ?? []
      return [id, { wallMs: median(figures.map((f) => f.wallMs)), maxRssMiB: median(figures.map((f) => f.maxRssMiB)) }]
    })
  ) as StartupReport
}
