// Embeds the assistant on any page with one tag:
//   <script src="https://GATEWAY/static/widget.js" defer></script>
// Optional attributes: data-title="…" (button label), data-open="true" (open at load).
// The chat runs in an iframe served by the gateway, so the host page's styles cannot break it.
(function () {
  "use strict";
  const script = document.currentScript;
  const origin = new URL(script.src, location.href).origin;
  const title = script.getAttribute("data-title") || "Hỏi trợ lý dịch vụ công";

  const style = document.createElement("style");
  style.textContent =
    ".dvc-widget-toggle{position:fixed;right:16px;bottom:16px;z-index:2147483000;background:#0b5cab;color:#fff;border:0;" +
    "border-radius:24px;padding:12px 18px;font:16px system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3);cursor:pointer;min-height:48px}" +
    ".dvc-widget-toggle:focus-visible{outline:3px solid #ffb400}" +
    ".dvc-widget-frame{box-sizing:border-box;position:fixed;right:16px;bottom:76px;z-index:2147483000;width:380px;height:600px;max-height:calc(100vh - 96px);" +
    "border:1px solid #b8c2cc;border-radius:12px;background:#fff;box-shadow:0 4px 16px rgba(0,0,0,.3)}" +
    ".dvc-widget-frame[hidden]{display:none}" +
    "@media (max-width:480px){.dvc-widget-frame{right:0;bottom:0;width:100vw;height:calc(100vh - 64px);max-height:none;border-radius:0}" +
    ".dvc-widget-toggle{right:8px;bottom:8px}}";
  document.head.appendChild(style);

  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "dvc-widget-toggle";
  toggle.textContent = "💬 " + title;
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", "dvc-widget-frame");

  let frame = null;
  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.id = "dvc-widget-frame";
      frame.className = "dvc-widget-frame";
      frame.title = "Trợ lý ảo dịch vụ công";
      frame.src = origin + "/?embed=1";
      document.body.appendChild(frame);
    }
    frame.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    toggle.textContent = "✕ Đóng trợ lý";
    frame.focus();
  }
  function close() {
    frame.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    toggle.textContent = "💬 " + title;
    toggle.focus();
  }
  toggle.addEventListener("click", () => (frame && !frame.hidden ? close() : open()));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && frame && !frame.hidden) close();
  });

  window.addEventListener("message", (event) => {
    if (event.origin === origin && event.data && event.data.type === "dvc-widget-close" && frame && !frame.hidden) close();
  });

  function mount() {
    document.body.appendChild(toggle);
    if (script.getAttribute("data-open") === "true") open();
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
