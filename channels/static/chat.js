// Local web chat: posts each message to the gateway and shows Rasa's replies with their buttons.
(function () {
  "use strict";
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const send = document.getElementById("send");

  // One id per browser, kept in localStorage; where storage is refused (an embedded frame under strict
  // privacy settings) the id lives as long as the page.
  let memoryId = null;
  function senderId() {
    let id = null;
    try { id = localStorage.getItem("dvc-chat-sender"); } catch (error) { id = memoryId; }
    if (!id) {
      id = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2)).replace(/[^A-Za-z0-9_-]/g, "");
      memoryId = id;
      try { localStorage.setItem("dvc-chat-sender", id); } catch (error) { /* kept in memory only */ }
    }
    return id;
  }

  function linkify(element, text) {
    const parts = text.split(/(https?:\/\/[^\s)]+)/g);
    for (const part of parts) {
      if (/^https?:\/\//.test(part)) {
        const a = document.createElement("a");
        a.href = part; a.textContent = part; a.target = "_blank"; a.rel = "noopener";
        element.appendChild(a);
      } else if (part) {
        element.appendChild(document.createTextNode(part));
      }
    }
  }

  function addAttachment(item, reply) {
    if (reply.image) {
      const img = document.createElement("img");
      img.src = reply.image; img.alt = "Hình ảnh"; img.className = "msg__image";
      item.appendChild(img);
    }
    if (reply.document) {
      const a = document.createElement("a");
      a.href = reply.document; a.target = "_blank"; a.rel = "noopener"; a.className = "msg__document";
      a.textContent = "📄 Tải tài liệu";
      a.setAttribute("download", "");
      item.appendChild(a);
    }
  }

  function addMessage(who, text, buttons, extraClass) {
    const item = document.createElement("li");
    item.className = "msg msg--" + who + (extraClass ? " " + extraClass : "");
    const bubble = document.createElement("div");
    bubble.className = "msg__bubble";
    linkify(bubble, text || "");
    item.appendChild(bubble);
    if (buttons && buttons.length) {
      const group = document.createElement("div");
      group.className = "msg__buttons";
      group.setAttribute("role", "group");
      for (const b of buttons) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = b.title;
        button.addEventListener("click", () => submit(b.title, b.payload));
        group.appendChild(button);
      }
      item.appendChild(group);
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  async function submit(text, payload) {
    addMessage("me", text);
    const typing = addMessage("bot", "Đang trả lời…", null, "typing");
    send.disabled = true;
    try {
      const response = await fetch("/api/web/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: senderId(), text: payload ? "" : text, payload: payload || null }),
      });
      if (!response.ok) throw new Error("HTTP " + response.status);
      const answer = await response.json();
      typing.remove();
      for (const reply of answer.replies) {
        const item = addMessage("bot", reply.text || "", reply.buttons, answer.delivered ? "" : "msg--error");
        addAttachment(item, reply);
      }
      if (!answer.delivered && !payload) input.value = text;  // nothing typed is lost
    } catch (error) {
      typing.remove();
      addMessage("bot", "Không gửi được tin nhắn (mất kết nối). Nội dung vẫn còn trong ô nhập, bạn bấm Gửi lại nhé.", null, "msg--error");
      if (!payload) input.value = text;
    } finally {
      send.disabled = false;
      input.focus();
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    input.value = "";
    submit(text, null);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  // Inside the embeddable widget, Escape closes it (the host page cannot see keys typed in this frame).
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && window.parent !== window) window.parent.postMessage({ type: "dvc-widget-close" }, "*");
  });

  // Messages pushed later (an officer's reply, a dossier notification) are fetched every few seconds.
  async function poll() {
    if (document.hidden) return;
    try {
      const response = await fetch("/api/web/updates?sender=" + encodeURIComponent(senderId()));
      if (!response.ok) return;
      const answer = await response.json();
      for (const reply of answer.replies) addAttachment(addMessage("bot", reply.text || "", reply.buttons), reply);
    } catch (error) { /* offline for a moment: the next poll fetches them */ }
  }
  setInterval(poll, 5000);
  document.addEventListener("visibilitychange", poll);

  if (!log.children.length) submit("Xin chào", "/greet");
})();
