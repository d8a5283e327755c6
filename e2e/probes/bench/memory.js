// WebDriver script body. The JS heap in use (precise only with Chromium's
// --enable-precise-memory-info) and the wasm instance's memory, as remembered by wasm_hook.js.
const wasm = window.__benchWasm;
return [
  performance.memory ? performance.memory.usedJSHeapSize : null,
  wasm && wasm.memory ? wasm.memory.buffer.byteLength : null,
];
