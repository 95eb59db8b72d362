// The officers' console, live: every element with data-live-src is reloaded from that address when
// the office's event stream reports a change (only changes of its data-live-handoff, when given),
// and once on (re)connecting, to catch up on what arrived meanwhile.
(function () {
  const boxes = Array.from(document.querySelectorAll("[data-live-src]"));
  if (!boxes.length) return;
  async function reload(box) {
    const response = await fetch(box.dataset.liveSrc, { credentials: "same-origin" });
    if (response.ok) box.innerHTML = await response.text();
  }
  function changed(event) {
    const data = JSON.parse(event.data || "{}");
    for (const box of boxes) {
      const handoff = box.dataset.liveHandoff;
      if (event.type === "open" || !handoff || String(data.handoff) === handoff) reload(box);
    }
  }
  const events = new EventSource("/console/events");
  for (const kind of ["queue", "conversation", "open"]) events.addEventListener(kind, changed);
})();
