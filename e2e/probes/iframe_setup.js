// WebDriver asynchronous script body. Adds an iframe showing `base` (a plain 200), marks its
// document, then counts the load events that follow. Calls back with the history length and
// the iframe's URL, or {error} when the iframe never loads.
// arguments: [base, done]
const [base, done] = arguments;
const f = document.createElement('iframe');
f.id = 'frame';
const timer = setTimeout(() => done({error: 'the iframe never loaded ' + base}), 10000);
f.addEventListener('load', () => {
  clearTimeout(timer);
  f.contentWindow.__marker = 'frame-original';
  window.__frameLoads = 0;
  f.addEventListener('load', () => { window.__frameLoads += 1; });
  done({history: history.length, url: f.contentWindow.location.href});
}, {once: true});
f.src = base;
document.body.appendChild(f);
