// Runs in the head, before the first paint of the prerendered first view (see
// `cargo xtask dist`): applies the stored theme, and hides what the address may change until
// the app has read it, so a permalink or an embed never flashes the default scenario.
(function () {
  'use strict';
  var root = document.documentElement;
  var embed = /(^|[?&])embed([=&]|$)/.test(location.search);
  if (embed) {
    root.classList.add('nc-embed-pending');
    return;
  }
  try {
    var theme = localStorage.getItem('nocontent-theme');
    if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  } catch (e) {
    // Storage can be unavailable (private modes, sandboxed frames): keep the system theme.
  }
  if (location.hash.length > 1) root.classList.add('nc-link-pending');
})();
