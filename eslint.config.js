// ESLint over the browser sources (mkdocs_chatspark/assets/src), run by
// `bash scripts/build-assets --check` and CI. The sources are ES modules that
// esbuild bundles into classic scripts (scripts/build-assets.mjs).
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["mkdocs_chatspark/assets/dist/", "node_modules/", "**/.venv*/", "benchmarks/", "site/"] },
  {
    files: ["mkdocs_chatspark/assets/src/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2018,
      sourceType: "module",
      // CHATSPARK_PART_NEEDS: which parts each part needs first (scripts/build-assets.mjs).
      globals: { ...globals.browser, CHATSPARK_PART_NEEDS: "readonly" },
    },
    rules: {
      ...js.configs.recommended.rules,
      // One name, one meaning: the parts once shared a scope, and a second
      // `function consented()` silently replaced the first.
      "no-redeclare": "error",
      "no-shadow": ["error", { builtinGlobals: false }],
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
      "no-use-before-define": ["error", { functions: false, classes: true, variables: false }],
      "no-implicit-globals": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
      "prefer-const": "off", // the sources are written with var
    },
  },
  {
    // The answers part's modules use ES2022 syntax (`??=`, `?.`), which esbuild
    // lowers to the bundles' es2018 target.
    files: ["mkdocs_chatspark/assets/src/answers/**/*.js"],
    languageOptions: { ecmaVersion: 2022 },
  },
  {
    // The bootstrap is built for ES2020 (scripts/build-assets.mjs): `?.` as it is;
    // the build defines the names it shares with the Python side (names.js).
    files: ["mkdocs_chatspark/assets/src/boot.js"],
    languageOptions: {
      ecmaVersion: 2020,
      globals: {
        ISLAND_ID: "readonly", BOOT_STYLE_ID: "readonly", CTA_ATTRIBUTE: "readonly", VOTE_ATTRIBUTE: "readonly",
      },
    },
  },
  {
    // No DOM in the outbox and in what the site learns: they run the same on any page.
    files: ["mkdocs_chatspark/assets/src/outbox.js"],
    rules: {
      "no-restricted-globals": ["error", "document", "window", "location", "navigator"],
    },
  },
  {
    files: ["scripts/*.mjs", "eslint.config.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
];
