// Run in every new document before its own scripts (DevTools
// Page.addScriptToEvaluateOnNewDocument): remembers the wasm instance's exports, with its
// memory, from trunk's start event.
addEventListener('TrunkApplicationStarted', (e) => { window.__benchWasm = e.detail && e.detail.wasm; });
