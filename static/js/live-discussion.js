// Live discussion updates: new threads, replies, edits, counters and statuses appear without reloading.
//
// The page (feedback/fragments/live_connection.html) holds the socket's path and the id of the last event it
// has seen. This module opens the socket with that id, so the server first sends what the page missed, and
// reconnects (static/js/live-socket.js) when the connection drops, each time from the newest id it has seen.
// The server sends HTML: <template data-live="replace|append|prepend" [data-target] [data-announce]> elements (see
// feedback/fragments/live_event.html). Applying one twice changes nothing. Without this script the page works
// by reloading.
(function () {
  "use strict";

  var container = document.querySelector("[data-live-discussion]");
  if (!container || !("WebSocket" in window) || !window.liveSocket) return;


  function lastEventId() {
    var marker = document.getElementById("live-last-event");
    return marker ? parseInt(marker.getAttribute("data-event-id"), 10) || 0 : 0;
  }

  function socketUrl() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var query = "?after=" + lastEventId() + "&lang=" + encodeURIComponent(container.getAttribute("data-language"));
    return scheme + window.location.host + container.getAttribute("data-ws-url") + query;
  }

  function announce(text) {
    var region = container.querySelector("[data-live-announcer]");
    if (region && text) region.textContent = text;
  }

  function enhance(element) {
    if (window.htmx) window.htmx.process(element); // forms and buttons inside use htmx like the rest of the page
  }

  // Someone typing in a form inside an element keeps their text: that element is not replaced under them.
  function hasUnsavedInput(element) {
    var fields = element.querySelectorAll("textarea, input[type=text]");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value !== fields[i].defaultValue) return true;
    }
    return false;
  }

  function replace(element) {
    var existing = element.id && document.getElementById(element.id);
    if (!existing) return;
    if (element.id === "live-last-event") {
      var seen = parseInt(element.getAttribute("data-event-id"), 10) || 0;
      if (seen <= lastEventId()) return; // the page never moves back to an older event
    } else if (hasUnsavedInput(existing)) {
      return;
    }
    existing.replaceWith(element);
    enhance(element);
    if (element.id === "live-notice") announce(element.textContent);
  }

  function alreadyShown(element) {
    var identified = element.id ? element : element.querySelector("[id]");
    return identified && document.getElementById(identified.id);
  }

  function insert(element, target, position) {
    if (alreadyShown(element)) return false;
    element.classList.add("live-arrived"); // briefly marked, for those who see it arrive
    if (position === "prepend") target.insertBefore(element, target.firstChild);
    else target.appendChild(element);
    enhance(element);
    return true;
  }

  function apply(html) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html;
    var instructions = parsed.content.querySelectorAll("template[data-live]");
    for (var i = 0; i < instructions.length; i++) {
      var instruction = instructions[i];
      var kind = instruction.getAttribute("data-live");
      var elements = Array.prototype.slice.call(instruction.content.children);
      if (kind === "replace") {
        elements.forEach(replace);
        continue;
      }
      var target = document.getElementById(instruction.getAttribute("data-target"));
      if (!target) continue; // this page does not show that place
      var inserted = elements.filter(function (element) {
        return insert(element, target, kind);
      });
      if (inserted.length) announce(instruction.getAttribute("data-announce"));
    }
  }

  window.liveSocket(container, socketUrl, apply);
})();
