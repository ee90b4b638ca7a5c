// The console works without this script; it only adds a little:
// - the status line follows re-planning (it asks /status.json every few seconds);
// - a page that waits for a re-plan or a trade-off sweep reloads itself when it is done;
// - "Print" buttons appear and print;
// - an error summary takes the focus, so a screen reader reads it first.
(function () {
  "use strict";
  var status = document.querySelector("[data-live-status]");
  var follow = document.querySelector("[data-follow-after]");
  var job = document.querySelector("[data-follow-job]");

  function poll() {
    var request = new XMLHttpRequest();
    request.open("GET", "/status.json");
    request.setRequestHeader("Accept", "application/json");
    request.onload = function () {
      if (request.status !== 200) { return; }
      var answer;
      try { answer = JSON.parse(request.responseText); } catch (e) { return; }
      if (status && status.textContent !== answer.text) { status.textContent = answer.text; }
      if (follow && answer.version !== null && answer.version > Number(follow.getAttribute("data-follow-after"))) {
        window.location.reload();
      }
    };
    request.send();
  }

  if (status) { window.setInterval(poll, follow ? 1500 : 5000); }
  if (job) { window.setTimeout(function () { window.location.reload(); }, 3000); }

  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }

  var summary = document.querySelector("[data-focus]");
  if (summary) { summary.focus(); }
})();
