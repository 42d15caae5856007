/**
 * The other Node.js releases the suite runs on, installed from npm as devDependencies (`node22`,
 * `node24`: aliases of npm's `node` package, whose install step fetches the matching
 * `node-<platform>-<arch>` binary package from the same registry). Their binaries are reached by
 * path, never through `PATH` (see scripts/unlinkNodeBin.mjs).
 *
 * Other tools (a runtime matrix, a benchmark) take them from here:
 *
 * ```ts
 * import { nodeRuntimes } from "./nodeRuntimes.js"
 * for (const { name, binary } of nodeRuntimes()) console.log(name, binary) // node22 /…/node_modules/node22/bin/node
 * ```
 */
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"

/** One installed Node.js: its devDependency name, its major version and its executable. */
export interface NodeRuntime {
  readonly name: "node22" | "node24"
  readonly major: 22 | 24
  readonly binary: string
}

const require = createRequire(import.meta.url)

/** The path of a runtime's executable, or a loud error naming the fix when it is missing. */
const binaryOf = (name: NodeRuntime["name"]): string => {
  const manifest = require.resolve(`${name}/package.json`)
  const { bin } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { bin: { node: string } }
  const binary = path.resolve(path.dirname(manifest), bin.node)
  if (!fs.existsSync(binary)) {
    throw new Error(`${name} is installed without its binary (${binary} is missing): its install step did not run; run npm ci`)
  }
  return binary
}

/** Node 22 and 24, as `npm ci` installed them. Throws if either is missing. */
export const nodeRuntimes = (): ReadonlyArray<NodeRuntime> => [
  { name: "node22", major: 22, binary: binaryOf("node22") },
  { name: "node24", major: 24, binary: binaryOf("node24") }
]
