import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed GraphQL documents for the SPA, generated from the server's schema
// (../graph/*.graphqls) and the graphql() calls in src/. Run `npm run codegen`.
const config: CodegenConfig = {
  schema: "../graph/*.graphqls",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*", "!src/**/*.test.{ts,tsx}"],
  ignoreNoDocuments: true,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { Time: "string", JSON: "unknown" },
      },
    },
  },
};

export default config;
