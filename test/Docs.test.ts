/**
 * The guides' examples, run as a reader runs them. `npm run docs-check` compiles every ```ts
 * block; here the ones that are programs (they call `NodeRuntime.runMain`, `Effect.runPromise` or
 * a `ManagedRuntime`) run with plain Node against the emulator on 127.0.0.1, configured from the
 * environment as the guides say, and the ones that are tests (`@effect/vitest`) run under vitest.
 * A failure names the Markdown file and the line of the block.
 */
import { Emulator, EmulatorServer, WebhookClient } from "@effect-signalwire/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Queue from "effect/Queue"
import * as Ref from "effect/Ref"
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { authToken, projectId, projects, type Received, recordingClient } from "./utils.js"

const root = fileURLToPath(new URL("../", import.meta.url))
const scratch = path.join(root, "build", "docs-run")

interface Block {
  readonly where: string
  readonly code: string
}

/** The ```ts blocks of a Markdown file (not marked `fragment`), each with its file and line. */
const tsBlocks = (file: string): ReadonlyArray<Block> => {
  const lines = fs.readFileSync(path.join(root, file), "utf8").split("\n")
  const blocks: Array<Block> = []
  for (let index = 0; index < lines.length; index++) {
    const info = /^```(.*)$/.exec(lines[index]!)?.[1]?.trim().split(/\s+/) ?? []
    if (info[0] === undefined || info[0] === "") continue
    const end = lines.findIndex((line, at) => at > index && line.startsWith("```"))
    if (info[0] === "ts" && !info.includes("fragment")) {
      blocks.push({ where: `${file}:${index + 1}`, code: lines.slice(index + 1, end).join("\n") })
    }
    index = end
  }
  return blocks
}

const markdown = [
  "README.md",
  ...fs.readdirSync(path.join(root, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`),
  ...["schema", "client", "emulator"].map((name) => `packages/${name}/README.md`)
]
const blocks = markdown.flatMap(tsBlocks)
const isProgram = (block: Block) => /NodeRuntime\.runMain\(|Effect\.runPromise\(|ManagedRuntime\.make\(/.test(block.code)
const isTest = (block: Block) => block.code.includes(`from "@effect/vitest"`)
const programs = blocks.filter(isProgram)
const tests = blocks.filter(isTest)

/** Writes a block as a module in the repository (so the workspace packages resolve); its path. */
const write = (block: Block, suffix: string) => {
  const file = path.join(scratch, `${block.where.replaceAll(/[/:.]/g, "_")}${suffix}`)
  fs.mkdirSync(scratch, { recursive: true })
  fs.writeFileSync(file, `${block.code}\n`)
  return file
}

interface Finished {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `node <args>` from the repository root; killed if the test ends first. */
const node = (args: ReadonlyArray<string>, env: Record<string, string>) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("SIGNALWIRE_")))
      return spawn(process.execPath, args, { cwd: root, env: { ...inherited, ...env }, stdio: ["ignore", "pipe", "pipe"] })
    }),
    (child) => Effect.sync(() => child.kill("SIGKILL"))
  ).pipe(
    Effect.flatMap((child) =>
      Effect.async<Finished>((resume) => {
        let stdout = ""
        let stderr = ""
        child.stdout!.on("data", (chunk) => (stdout += chunk))
        child.stderr!.on("data", (chunk) => (stderr += chunk))
        child.on("close", (code) => resume(Effect.succeed({ code, stdout, stderr })))
      })
    )
  )

const runProgram = (block: Block, env: Record<string, string>) =>
  node(["--conditions=@effect-signalwire/source", "--import", "tsx", write(block, ".ts")], env)

/** The emulator on a free port of 127.0.0.1; its status callbacks are recorded, never sent anywhere. */
const served = Effect.gen(function*() {
  const callbacks = yield* Queue.unbounded<Received>()
  const answer = yield* Ref.make<number | "refuse">(204)
  const context = yield* Layer.build(
    EmulatorServer.layer().pipe(
      Layer.provideMerge(Emulator.layer({ projects })),
      Layer.provide(Layer.succeed(WebhookClient.WebhookClient, recordingClient(callbacks, answer)))
    )
  )
  const url = yield* Effect.provide(EmulatorServer.url, context)
  const env = { SIGNALWIRE_PROJECT_ID: projectId, SIGNALWIRE_API_TOKEN: authToken, SIGNALWIRE_SPACE_URL: url }
  return { emulator: Context.get(context, Emulator.Emulator), env }
})

describe("the guides' examples", () => {
  it("include programs and tests to run (the selection still finds them)", () => {
    expect(programs.map((block) => block.where.split(":")[0])).toContain("docs/getting-started.md")
    expect(tests.map((block) => block.where.split(":")[0])).toContain("docs/emulator.md")
  })

  it.scopedLive.each(programs.map((block) => [block.where, block] as const))("%s runs against the emulator: exit 0, nothing on stderr, a call placed", ([, block]) =>
    Effect.gen(function*() {
      const { emulator, env } = yield* served
      const { code, stderr } = yield* runProgram(block, env)
      expect({ where: block.where, code, stderr }).toStrictEqual({ where: block.where, code: 0, stderr: "" })
      expect((yield* emulator.calls).length).toBeGreaterThan(0)
    }), 60_000)

  it.scopedLive("getting-started's error report: an empty SIGNALWIRE_API_TOKEN gives one line naming it, exit code 1", () =>
    Effect.gen(function*() {
      const report = programs.find((block) => block.code.includes("Could not place the call"))
      expect(report?.where).toMatch(/^docs\/getting-started\.md:/)
      const { env } = yield* served
      const { code, stderr, stdout } = yield* runProgram(report!, { ...env, SIGNALWIRE_API_TOKEN: "" })
      // One comparison, so that a failure shows the exit code and both streams together.
      expect({ code, stdout, stderr }).toStrictEqual({
        code: 1,
        stdout: "",
        stderr:
          `Could not place the call: (Invalid data at SIGNALWIRE_API_TOKEN: "expected the project's API token (its API page), got an empty value")\n`
      })
    }), 60_000)

  it.scopedLive("the examples that are tests pass under vitest", () =>
    Effect.gen(function*() {
      const files = tests.map((block) => [block.where, path.basename(write(block, ".test.ts"))] as const)
      fs.writeFileSync(
        path.join(scratch, "vitest.config.ts"),
        `const conditions = ["@effect-signalwire/source", "import", "module", "node", "default"]\n` +
          `export default { resolve: { conditions }, ssr: { resolve: { conditions } }, test: { include: ${JSON.stringify(files.map(([, file]) => file))} } }\n`
      )
      const report = path.join(scratch, "results.json")
      const { code, stderr, stdout } = yield* node(
        [path.join(root, "node_modules", "vitest", "vitest.mjs"), "run", "--root", scratch, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
        { NO_COLOR: "1" }
      )
      // Each failing file mapped back to the Markdown block it came from.
      const results: ReadonlyArray<{ readonly name: string; readonly status: string }> = fs.existsSync(report)
        ? JSON.parse(fs.readFileSync(report, "utf8")).testResults
        : []
      const failed = files.filter(([, file]) => results.find((result) => path.basename(result.name) === file)?.status !== "passed")
      expect({ failed: failed.map(([where]) => where), code }, `${stdout}\n${stderr}`).toStrictEqual({ failed: [], code: 0 })
    }), 120_000)
})
