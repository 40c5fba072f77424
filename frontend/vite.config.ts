import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The SPA is served by the Go binary, which embeds dist/. In development,
// `npm run dev` proxies the API to a server started with `make run`
// (override its address with PASSERELLES_API).
const api = process.env.PASSERELLES_API ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Keep every asset a separate file: inlined data: URLs would be fine for
    // the CSP (img-src data:) but make the transfer budget harder to read.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    proxy: {
      "/graphql": api,
      "/healthz": api,
      "/readyz": api,
    },
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
  },
});
