import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The Go server (`dirsync dev`, port 8080) answers the API; the dev server
// proxies to it.
const backend = process.env.DIRSYNC_BACKEND ?? "http://localhost:8080";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/graphql": backend,
      "/dev": backend,
      "/workos-emulator": backend,
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // Two pages: the app, and GraphiQL at /playground (its code loads only there).
    rollupOptions: {
      input: { app: "index.html", playground: "playground.html" },
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
    // Generous: the suite shares two cores with builds; no test measures time.
    testTimeout: 20_000,
  },
});
