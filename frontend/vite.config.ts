import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The SPA is served by the Go binary, which embeds dist/. In development,
// `npm run dev` proxies the API to a server started with `make run`
// (override its address with PASSERELLES_API). To sign in through the dev
// server, start the binary with -base-url http://127.0.0.1:5173 once Vite is
// up, so that the provider sends the browser back here (see README).
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
      "/auth": api,
      "/devidp": api,
    },
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
  },
});
