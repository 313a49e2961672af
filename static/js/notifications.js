// The bell's unread count follows new and read notifications without reloading.
//
// notifications/bell.html names the bell (#notification-bell, with the socket's path in data-ws-url) and its count
// (#notification-count). The server sends the person's freshly rendered count over their own socket (ws/me/,
// notifications.consumers.PersonalConsumer) whenever a notification for them is written or read; this module
// puts it in place and, when the number went up, tells screen reader users politely. Without this script the
// count is right on the next page.
(function () {
  "use strict";

  var bell = document.getElementById("notification-bell");
  if (!bell || !("WebSocket" in window) || !window.liveSocket) return;

  function socketUrl() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + window.location.host + bell.getAttribute("data-ws-url");
  }

  function number(element) {
    return parseInt(element.textContent, 10) || 0;
  }

  function apply(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    var fresh = template.content.querySelector("#notification-count");
    var count = document.getElementById("notification-count");
    if (!fresh || !count) return; // another feature's fragment on the same socket
    var more = number(fresh) > number(count);
    count.className = fresh.className;
    count.innerHTML = fresh.innerHTML;
    var announcer = bell.parentNode.querySelector("[data-bell-announcer]");
    if (more && announcer) {
      announcer.textContent = "";
      window.setTimeout(function () {
        announcer.textContent = fresh.textContent.trim();
      }, 50);
    }
  }

  window.liveSocket(bell, socketUrl, apply);
})();
