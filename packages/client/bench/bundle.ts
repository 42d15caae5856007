/**
 * esbuild, the way both harnesses use it: one entry point, minified ESM, with our packages taken
 * from their TypeScript sources (the `@effect-signalwire/source` condition), so neither the size
 * check nor the benchmark needs a prior build and both measure the code as it is now.
 */
import * as esbuild from "esbuild"
import * as Path from "node:path"
import * as Url from "node:url"
import * as Zlib from "node:zlib"

export const benchDirectory = Path.dirname(Url.fileURLToPath(import.meta.url))
export const appsDirectory = Path.join(benchDirectory, "apps")

export interface Bundled {
  readonly code: Uint8Array
  readonly bytes: number
  readonly gzipBytes: number
  readonly metafile: esbuild.Metafile
}

/**
 * `"neutral"` is the edge-function case: no Node built-ins, no `browser` field swaps; it fails the
 * build if anything reachable needs Node. `"node"` is for what only runs on Node (the official SDK,
 * the start-up apps); its ESM output gets a `require` for the CommonJS it bundles.
 */
export const bundle = async (entry: string, platform: "neutral" | "node"): Promise<Bundled> => {
  const result = await esbuild.build({
    entryPoints: [Path.join(appsDirectory, entry)],
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    outfile: "out.js",
    conditions: ["@effect-signalwire/source"],
    ...(platform === "neutral"
      ? { mainFields: ["module", "main"] }
      : { banner: { js: "import{createRequire as __cr}from\"node:module\";const require=__cr(import.meta.url);" } })
  })
  const output = result.outputFiles[0]
  if (output === undefined) {
    throw new Error(`esbuild produced nothing for ${entry}`)
  }
  return {
    code: output.contents,
    bytes: output.contents.byteLength,
    gzipBytes: Zlib.gzipSync(output.contents, { level: 9 }).byteLength,
    metafile: result.metafile
  }
}

/** Who an input file belongs to: an npm package, one of ours, or the app itself. */
export const ownerOf = (input: string): string => {
  const inNodeModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)
  if (inNodeModules?.[1] !== undefined) return inNodeModules[1]
  const ours = /packages\/([^/]+)\/src\//.exec(input)
  if (ours?.[1] !== undefined) return `@effect-signalwire/${ours[1]}`
  return "(app)"
}

/** Minified bytes each input contributes to the one output, largest first. */
export const contributions = (metafile: esbuild.Metafile): ReadonlyArray<{ readonly input: string; readonly bytes: number }> => {
  const output = Object.values(metafile.outputs)[0]
  if (output === undefined) return []
  return Object.entries(output.inputs)
    .map(([input, { bytesInOutput }]) => ({ input, bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)
}

/** The same, summed per package. */
export const contributionsByOwner = (metafile: esbuild.Metafile): ReadonlyArray<{ readonly owner: string; readonly bytes: number }> => {
  const byOwner = new Map<string, number>()
  for (const { input, bytes } of contributions(metafile)) {
    const owner = ownerOf(input)
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + bytes)
  }
  return [...byOwner].map(([owner, bytes]) => ({ owner, bytes })).sort((a, b) => b.bytes - a.bytes)
}

/** Bytes as KB (1 KB = 1,000 bytes), one decimal. */
export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`

/**
 * The shortest chain of imports from the entry point to the first input of `owner` (a package
 * name), as the inputs' paths; empty when there is none. Only inputs `through` accepts are
 * followed, so a chain through a module the baseline also bundles (where the import is
 * tree-shaken away) can be excluded: what remains names the import of ours that drags `owner` in.
 */
export const importChain = (
  metafile: esbuild.Metafile,
  owner: string,
  through: (input: string) => boolean = () => true
): ReadonlyArray<string> => {
  const entry = Object.values(metafile.outputs)[0]?.entryPoint
  if (entry === undefined) return []
  const previous = new Map<string, string | undefined>([[entry, undefined]])
  const queue = [entry]
  for (let input = queue.shift(); input !== undefined; input = queue.shift()) {
    if (ownerOf(input) === owner) {
      const chain: Array<string> = []
      for (let step: string | undefined = input; step !== undefined; step = previous.get(step)) chain.unshift(step)
      return chain
    }
    for (const imported of metafile.inputs[input]?.imports ?? []) {
      const next = imported.path
      if (!previous.has(next) && metafile.inputs[next] !== undefined && (ownerOf(next) === owner || through(next))) {
        previous.set(next, input)
        queue.push(next)
      }
    }
  }
  return []
}
