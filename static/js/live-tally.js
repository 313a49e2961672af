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
  if (!container || !("WebSocket" in window)) return;

  var REFUSED = [4401, 4403]; // not signed in, not allowed: retrying will not help
  var MAX_DELAY = 30000;
  var STEADY = 10000; // a connection that lasted this long starts the backoff afresh when it drops
  var QUIET = 5000; // at most one announcement per this many milliseconds
  var tallyId = container.getAttribute("data-live-tally");
  var attempts = 0;
  var openedAt = 0;
  var lastAnnounced = 0;
  var pendingAnnouncement = null;
  var socket = null;
  var retryTimer = null;

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

  // The connection's state on the container (connecting, connected, reconnecting, refused), for styling.
  function setState(state) {
    container.setAttribute("data-live-state", state);
  }

  function connect() {
    retryTimer = null;
    setState(attempts ? "reconnecting" : "connecting");
    socket = new WebSocket(socketUrl());
    socket.addEventListener("open", function () {
      openedAt = Date.now();
      setState("connected");
    });
    socket.addEventListener("message", function (message) {
      apply(message.data);
    });
    socket.addEventListener("close", function (closed) {
      socket = null;
      if (openedAt && Date.now() - openedAt >= STEADY) attempts = 0;
      openedAt = 0;
      if (REFUSED.indexOf(closed.code) !== -1) {
        setState("refused");
      } else {
        setState("reconnecting");
        scheduleReconnect();
      }
    });
  }

  function scheduleReconnect() {
    if (retryTimer) return;
    var delay = Math.min(MAX_DELAY, 1000 * Math.pow(2, attempts));
    attempts += 1;
    retryTimer = window.setTimeout(connect, delay * (0.75 + Math.random() * 0.5));
  }

  // Back online: try at once rather than waiting out the backoff.
  window.addEventListener("online", function () {
    if (socket) return;
    window.clearTimeout(retryTimer);
    attempts = 0;
    connect();
  });

  connect();
})();
