/* nocontent embed host: resizes every <iframe data-nocontent> to the height its embed reports.
   Accepts a message only from that iframe's own window and origin, only of the shape
   {type: "nocontent:height", height: <number>}, and caps the height. No globals, no inline
   handlers; safe to include more than once. */
(function () {
  "use strict";
  var MAX = 4000, MIN = 50;
  if (window.__nocontentEmbedHost) return;
  window.__nocontentEmbedHost = true;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "nocontent:height" || typeof data.height !== "number") return;
    if (!isFinite(data.height)) return;
    var frames = document.querySelectorAll("iframe[data-nocontent]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (event.source !== frame.contentWindow) continue;
      var expected;
      try { expected = new URL(frame.src, document.baseURI).origin; } catch (e) { return; }
      if (event.origin !== expected) return;
      var height = Math.min(MAX, Math.max(MIN, Math.ceil(data.height)));
      frame.style.height = height + "px";
      return;
    }
  });
})();
