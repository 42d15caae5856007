/**
 * Compiles every ```ts block of the READMEs and docs/*.md against the workspace packages, so an
 * example that stops compiling fails `npm test` with the Markdown file and line to fix.
 *
 * Each block is written as its own module under `build/docs-check/` and type-checked with the
 * repository's compiler options (unused names allowed: an example may declare what it shows).
 * A block whose fence reads ```ts fragment is a deliberate fragment and is skipped (see
 * docs/contributing.md); every other block must compile on its own, imports included.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

const root = path.resolve(import.meta.dirname, "..")
const out = path.join(root, "build", "docs-check")

/** One fenced code block: where it is, its info string and its code. */
export interface Block {
  readonly file: string
  /** The line of the opening fence (1-based); the code starts on the next line. */
  readonly line: number
  readonly info: ReadonlyArray<string>
  readonly code: string
}

/** The Markdown files whose examples are checked, relative to the repository root. */
export const markdownFiles = (): ReadonlyArray<string> => [
  "README.md",
  ...fs.readdirSync(path.join(root, "docs")).filter((name) => name.endsWith(".md")).sort().map((name) => `docs/${name}`),
  ...fs.readdirSync(path.join(root, "packages")).sort().map((name) => `packages/${name}/README.md`)
    .filter((file) => fs.existsSync(path.join(root, file)))
]

/** The fenced blocks of a Markdown text (``` or ~~~ fences, any language). */
export const blocksOf = (file: string, text: string): ReadonlyArray<Block> => {
  const blocks: Array<Block> = []
  const lines = text.split("\n")
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(.*)$/.exec(lines[index]!)
    if (open === null) continue
    const [, indent, fence, info] = open
    const code: Array<string> = []
    let end = index + 1
    while (end < lines.length && !lines[end]!.trimStart().startsWith(fence!)) code.push(lines[end++]!.slice(indent!.length))
    blocks.push({ file, line: index + 1, info: info!.trim().split(/\s+/).filter(Boolean), code: code.join("\n") })
    index = end
  }
  return blocks
}

/** The blocks that are compiled: ```ts or ```typescript, not marked `fragment`. */
export const isCompiled = (block: Block) =>
  (block.info[0] === "ts" || block.info[0] === "typescript") && !block.info.includes("fragment")

/** Where a block is written: `build/docs-check/<file with / as __>/L<line>.ts`. */
export const modulePath = (block: Block) => path.join(out, block.file.replaceAll("/", "__"), `L${block.line}.ts`)

const main = () => {
  fs.rmSync(out, { recursive: true, force: true })
  const files = markdownFiles()
  const all = files.flatMap((file) => blocksOf(file, fs.readFileSync(path.join(root, file), "utf8")))
  const compiled = all.filter(isCompiled)
  const fragments = all.filter((block) => block.info[0] === "ts" && block.info.includes("fragment"))
  const byModule = new Map<string, Block>()
  for (const block of compiled) {
    const file = modulePath(block)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, `${block.code}\n`)
    byModule.set(path.relative(root, file), block)
  }
  fs.writeFileSync(
    path.join(out, "tsconfig.json"),
    JSON.stringify({
      // An absolute path: the scratch folder is inside the repository, written fresh each run.
      extends: path.join(root, "tsconfig.base.json"),
      compilerOptions: {
        composite: false, incremental: false, declaration: false, declarationMap: false, sourceMap: false,
        noEmit: true, noUnusedLocals: false, types: ["node"]
      },
      include: ["**/*.ts"]
    }, null, 2)
  )
  const tsc = spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", path.relative(root, out), "--pretty", "false"], {
    cwd: root,
    encoding: "utf8"
  })
  // tsc's "file(line,col): error TSxxxx: message" mapped back to the Markdown: "docs/x.md:12:5".
  const errors = `${tsc.stdout}${tsc.stderr}`.split("\n").filter(Boolean).map((text) => {
    const at = /^(.+?)\((\d+),(\d+)\): (.*)$/.exec(text)
    const block = at === null ? undefined : byModule.get(at[1]!)
    return block === undefined || at === null ? text : `${block.file}:${block.line + Number(at[2])}:${at[3]} (the block at line ${block.line}): ${at[4]}`
  })
  const summary = `${compiled.length} ts blocks of ${files.length} Markdown files` +
    (fragments.length === 0 ? "" : `, ${fragments.length} marked fragment skipped (${fragments.map((b) => `${b.file}:${b.line}`).join(", ")})`)
  if (tsc.status !== 0 || errors.length > 0) {
    console.error(errors.join("\n"))
    console.error(`\ndocs-check: examples that do not compile (${summary}); fix them, or mark a deliberate fragment \`\`\`ts fragment (docs/contributing.md)`)
    process.exit(1)
  }
  console.log(`docs-check: ${summary} compile`)
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) main()
