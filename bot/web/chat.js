// Wegwijs web chat: a thin client of POST /api/chat. Buttons send their opaque payload.
"use strict";
const log = document.getElementById("log");
const form = document.getElementById("form");
const input = document.getElementById("text");
const select = document.getElementById("language");
const senderKey = "wegwijs-sender";
const sender = localStorage.getItem(senderKey) || crypto.randomUUID();
localStorage.setItem(senderKey, sender);
let chosenLanguage = null;   // sent once after the person changes the selector
let languages = {};

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;   // never innerHTML: text is data
  return e;
}

function addUser(text) {
  const m = el("div", "msg user", text);
  m.dir = "auto";
  log.appendChild(m);
  return m;
}

function botMessage(message) {
  const m = el("div", "msg bot");
  m.dir = message.direction || "auto";
  m.lang = message.language;
  m.appendChild(el("div", "text", message.text));
  if (message.buttons.length) {
    const row = el("div", "buttons");
    for (const b of message.buttons) {
      const btn = el("button", "", b.title);
      btn.type = "button";
      btn.addEventListener("click", () => send(b.payload, b.title));
      row.appendChild(btn);
    }
    m.appendChild(row);
  }
  if (message.sources.length || message.checked) {
    const meta = el("div", "meta");
    meta.dir = "ltr";
    meta.appendChild(document.createTextNode(`✓ ${message.checked} · `));
    message.sources.forEach((s, i) => {
      if (i) meta.appendChild(document.createTextNode(", "));
      if (s.url) { const a = el("a", "", s.title); a.href = s.url; a.target = "_blank"; a.rel = "noopener"; meta.appendChild(a); }
      else meta.appendChild(document.createTextNode(s.title));
    });
    m.appendChild(meta);
  }
  return m;
}

// Messages go out one at a time, in the order the person sent them, so every answer
// follows its own question (and a language change reaches the server first).
let queue = Promise.resolve();
let pending = 0;

function send(text, shown) {
  const question = addUser(shown || text);
  const body = { sender, text };
  if (chosenLanguage) { body.language = chosenLanguage; chosenLanguage = null; }
  pending += 1;
  log.setAttribute("aria-busy", "true");
  queue = queue.then(() => post(body, question)).finally(() => {
    pending -= 1;
    if (!pending) log.setAttribute("aria-busy", "false");
  });
}

// Answers go right after their own question, even when the person typed on meanwhile.
async function post(body, question) {
  let anchor = question;
  const place = (m) => { anchor.after(m); anchor = m; };
  try {
    const resp = await fetch("/api/chat", { method: "POST", headers: { "Content-Type": "application/json" },
                                            body: JSON.stringify(body) });
    const data = await resp.json();
    if (data.messages) {
      data.messages.forEach((message) => place(botMessage(message)));
      setLanguage(data.language);
    } else {
      place(el("div", "msg bot error", data.error.message));
    }
  } catch (err) {
    place(el("div", "msg bot error", "No connection. In an emergency call 112."));
  }
  log.scrollTop = log.scrollHeight;
}

// The browser's preferred languages ("fa-AF", "ckb", "ar-SY") through the registry's
// codes and aliases; the first supported one wins.
function browserLanguage(tags) {
  for (const tag of tags) {
    const norm = String(tag).toLowerCase().replace("_", "-");
    for (const l of Object.values(languages)) {
      if (l.code === norm || (l.aliases || []).includes(norm)) return l.code;
    }
    if (languages[norm.split("-")[0]]) return norm.split("-")[0];
  }
  return null;
}

function setLanguage(code) {
  if (!languages[code]) return;
  select.value = code;
  document.documentElement.lang = code;
}

select.addEventListener("change", () => { chosenLanguage = select.value; send("/menu", select.selectedOptions[0].text); });
form.addEventListener("submit", (e) => {
  e.preventDefault();
  const text = input.value.trim();
  if (text) { input.value = ""; send(text); }
});

fetch("/api/languages").then((r) => r.json()).then((list) => {
  for (const l of list) {
    languages[l.code] = l;
    const o = el("option", "", l.name);
    o.value = l.code;
    o.dir = l.direction;
    select.appendChild(o);
  }
  const browser = browserLanguage(navigator.languages || [navigator.language || "en"]);
  if (browser) { select.value = browser; chosenLanguage = browser; }
  send("/start", "👋");
});
