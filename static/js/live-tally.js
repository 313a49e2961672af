// The live count of a proposal: new votes change the count on the page without reloading.
//
// decisions/fragments/live_tally.html names the count's element (data-live-tally="tally-<id>") and the socket's
// path (data-ws-url). The server sends the freshly rendered count (decisions/fragments/tally.html, aggregates
// only) whenever a vote or the close commits; this module swaps it in, tells screen reader users politely that
// the count changed (at most once every few seconds, however busy the voting), and reconnects with backoff when
// the connection drops. Without this script the page shows the new count when it is reloaded.
(function () {
  "use strict";

  var container = document.querySelector("[data-live-tally]");
  if (!container || !("WebSocket" in window) || !window.liveSocket) return;

  var QUIET = 5000; // at most one announcement per this many milliseconds
  var tallyId = container.getAttribute("data-live-tally");
  var lastAnnounced = 0;
  var pendingAnnouncement = null;

  function socketUrl() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var query = "?lang=" + encodeURIComponent(container.getAttribute("data-language") || "");
    return scheme + window.location.host + container.getAttribute("data-ws-url") + query;
  }

  function announce() {
    var region = container.querySelector("[data-live-announcer]");
    if (!region || pendingAnnouncement) return;
    var wait = Math.max(0, lastAnnounced + QUIET - Date.now());
    pendingAnnouncement = window.setTimeout(function () {
      pendingAnnouncement = null;
      lastAnnounced = Date.now();
      // Emptied first, so the same words are read again when the count changes a second time.
      region.textContent = "";
      window.setTimeout(function () {
        region.textContent = container.getAttribute("data-announcement");
      }, 50);
    }, wait);
  }

  function apply(html) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html;
    var fresh = parsed.content.getElementById(tallyId);
    var shown = document.getElementById(tallyId);
    if (!fresh || !shown) return;
    if (fresh.outerHTML === shown.outerHTML) return; // nothing changed that anyone could see
    shown.replaceWith(fresh);
    announce();
  }

  window.liveSocket(container, socketUrl, apply);
})();
