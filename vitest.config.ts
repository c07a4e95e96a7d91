import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: more workers only contend for the CPU the WASM database needs.
    maxWorkers: 2,
    // Node 24's V8 can abort a fork with "Check failed: jit_page_->allocations_.erase(addr) == 1"
    // (UnregisterWasmAllocation) when WebAssembly code is freed while other threads JIT: the
    // suite opens and closes hundreds of PGlite databases on worker threads (nodejs/node#64500).
    // Seen in CI and here, about once per Node 24 run, never on Node 20. Keeping superseded wasm
    // code (no code GC) takes that path away; that code is freed when the file's fork exits.
    execArgv: ['--no-wasm-code-gc'],
  },
});
