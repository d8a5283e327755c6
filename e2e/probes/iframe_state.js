// WebDriver script body. The iframe's state after its src changed: load events since, whether
// its document is still the marked original, its URL, and the top history length.
const f = document.getElementById('frame');
let marker = false, url = null;
try { marker = f.contentWindow.__marker === 'frame-original'; url = f.contentWindow.location.href; }
catch (e) { url = 'inaccessible: ' + e.name; }
return {loads: window.__frameLoads, marker, url, history: history.length};
