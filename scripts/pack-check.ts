/**
 * Proves the published form works: builds every package, packs each with `npm pack`, unpacks
 * the tarballs into a scratch `node_modules` and runs a small app against them with plain Node
 * (default export conditions, so `dist/` and not `src/` is what resolves).
 *
 * Peer dependencies (effect, @effect/platform) resolve from the repository's own node_modules,
 * as they would from an app's.
 */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

const root = path.resolve(import.meta.dirname, "..")
const scratch = path.join(root, "build", "pack-check")
const packages = ["schema", "client", "emulator", "campaign"]

const run = (command: string, args: Array<string>, cwd = root) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })

fs.rmSync(scratch, { recursive: true, force: true })
fs.mkdirSync(path.join(scratch, "node_modules", "@effect-signalwire"), { recursive: true })

run("npm", ["run", "build", "--silent"])
for (const name of packages) {
  const output = run("npm", ["pack", "--silent", "--workspace", `packages/${name}`, "--pack-destination", scratch])
  const tarball = path.join(scratch, output.trim().split("\n").pop()!)
  const target = path.join(scratch, "node_modules", "@effect-signalwire", name)
  fs.mkdirSync(target)
  run("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"])
  const files = run("tar", ["-tzf", tarball]).split("\n").filter(Boolean)
  for (const required of ["package/LICENSE", "package/CHANGELOG.md", "package/README.md"]) {
    if (!files.includes(required)) throw new Error(`@effect-signalwire/${name}: ${required} is not in the tarball (the package's "files")`)
  }
  console.log(`@effect-signalwire/${name}: ${path.basename(tarball)}, ${files.length} files, ${(fs.statSync(tarball).size / 1024).toFixed(1)} KB`)
}

fs.copyFileSync(path.join(root, "scripts", "pack-check-app.mjs"), path.join(scratch, "app.mjs"))
process.stdout.write(run("node", [path.join(scratch, "app.mjs")], scratch))
