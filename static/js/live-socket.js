// One reconnecting websocket for the live pages (live-discussion.js, live-tally.js).
//
// window.liveSocket(container, socketUrl, onMessage) opens the socket at socketUrl() — a function, so each
// reconnect can say where the page is now — hands every message to onMessage, reconnects with backoff when the
// connection drops (at once when the browser comes back online) and stops when the server refuses (4401 not
// signed in, 4403 not allowed: retrying will not help). The state is on the container's data-live-state
// (connecting, connected, reconnecting, refused), for styling and for tests.
(function () {
  "use strict";

  var REFUSED = [4401, 4403];
  var MAX_DELAY = 30000;
  var STEADY = 10000; // a connection that lasted this long starts the backoff afresh when it drops

  window.liveSocket = function (container, socketUrl, onMessage) {
    var attempts = 0;
    var openedAt = 0;
    var socket = null;
    var retryTimer = null;

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
        onMessage(message.data);
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

    window.addEventListener("online", function () {
      if (socket) return;
      window.clearTimeout(retryTimer);
      attempts = 0;
      connect();
    });

    connect();
  };
})();
