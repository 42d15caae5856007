// Lint rules that guard what the type-checker cannot: bundle size (no barrel imports inside the
// packages), the Effect 3 line (no @effect/schema, no Effect 4 modules) and test hygiene.
import tseslint from "typescript-eslint"

const barrelImports = {
  paths: [
    { name: "effect", message: "Import a module path (effect/Effect, effect/Schema): the barrel costs bundle size and start-up." },
    { name: "@effect/platform", message: "Import a module path (@effect/platform/HttpClient): the barrel costs bundle size and start-up." }
  ],
  patterns: [
    { group: ["@effect/schema", "@effect/schema/*"], message: "Schema lives in effect (3.10+): import from effect/Schema." },
    { group: ["effect/unstable/*"], message: "Effect 4 module: not on the Effect 3 line we use." }
  ]
}

export default tseslint.config(
  { ignores: ["**/dist/**", "**/build/**", "**/node_modules/**", ".stryker-tmp/**", "reports/**", "**/*.d.ts", "**/*.js", "!eslint.config.js"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-empty-object-type": "off",
      "@typescript-eslint/no-namespace": "off",
      "no-restricted-syntax": ["error",
        { selector: "CallExpression[callee.property.name=/^(only|skip)$/]", message: "No .only/.skip: they hide failures." }
      ]
    }
  },
  {
    files: ["packages/*/src/**/*.ts"],
    rules: { "no-restricted-imports": ["error", barrelImports] }
  }
)
