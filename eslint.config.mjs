// ESLint: Next.js's rules (React, hooks, accessibility, Core Web Vitals) and
// typescript-eslint with type information, so a forgotten `await` on a promise
// (no-floating-promises) fails `npm test` like a type error does.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

const config = [
  { ignores: ["lib/generated/**", ".next/**", "node_modules/**", "next-env.d.ts", "tests/artifacts/**", ".data/**", "public/sw.js"] },
  ...nextVitals,
  ...nextTs,
  {
    files: ["**/*.{ts,tsx,mts}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // Card images are already sized PNGs from our own pipeline (lib/images) and previews are
    // blob: URLs of files being uploaded: next/image's optimizer would only re-encode them.
    rules: { "@next/next/no-img-element": "off" },
  },
];

export default config;
