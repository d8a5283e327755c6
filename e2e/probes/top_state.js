// WebDriver script body. The top document's state: is it still the original page (its marker
// is set), its URL, the history length, the form input's value and the ready state.
// arguments: [marker]
const input = document.getElementById('t');
return {marker: window.__marker === arguments[0], url: location.href, history: history.length,
        value: input ? input.value : null, ready: document.readyState};
