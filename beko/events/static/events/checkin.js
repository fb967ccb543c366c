// Door check-in: scan the ticket QR code with the phone camera where the browser offers the
// BarcodeDetector API. Typing the code always works; this only fills the field and submits.
(function () {
  "use strict";
  var stream = null;
  var scanning = false;

  function panel() { return document.getElementById("check-in-panel"); }

  function stop() {
    scanning = false;
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
    var box = document.querySelector("[data-scanner]");
    if (box) { box.hidden = true; }
  }

  function status(text) {
    var el = document.querySelector("[data-scan-status]");
    if (el) { el.textContent = text; }
  }

  function submitCode(code) {
    var form = document.querySelector("[data-check-in-form]");
    if (!form) { return; }
    form.querySelector("input[name=code]").value = code;
    stop();
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }

  function start() {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    var box = document.querySelector("[data-scanner]");
    var video = box.querySelector("video");
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        box.hidden = false;
        scanning = true;
        return video.play();
      })
      .then(function () {
        var tick = function () {
          if (!scanning) { return; }
          detector.detect(video).then(function (codes) {
            if (codes.length && codes[0].rawValue) { submitCode(codes[0].rawValue); return; }
            window.setTimeout(tick, 250);
          }).catch(function () { window.setTimeout(tick, 500); });
        };
        tick();
      })
      .catch(function () {
        stop();
        status(document.querySelector("[data-scan]").getAttribute("data-denied") || "");
      });
  }

  function enhance() {
    var button = document.querySelector("[data-scan]");
    if (!button) { return; }
    var supported = "BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
    button.hidden = !supported;
    var code = document.getElementById("id_code");
    if (code && !document.querySelector(".check-in__search input[value]:not([value=''])")) { code.focus(); }
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-scan]")) { start(); }
    if (event.target.closest("[data-scan-stop]")) { stop(); }
  });
  document.addEventListener("DOMContentLoaded", enhance);
  document.addEventListener("htmx:beforeSwap", function (event) { if (event.target === panel()) { stop(); } });
  document.addEventListener("htmx:afterSwap", enhance);
})();
