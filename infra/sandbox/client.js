// The sandbox page's script: follows the channel (polling its feed), sends commands with their files, clicks, menu choices and modal forms, and offers Discord's autocomplete.
const where = document.body.dataset;
const feed = document.getElementById("feed");
const modal = document.getElementById("modal");
const error = document.getElementById("error");
let shownFeed = "";
let shownModal = "";
const dismissed = new Set();

async function post(path, body) {
  error.textContent = "";
  // A new command or click may open again a modal the member cancelled.
  if (path !== "modal") dismissed.clear();
  const res = await fetch(`/sandbox/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ platform: where.platform, channel: where.channel, as: where.as, ...body }),
  });
  const answer = await res.json().catch(() => ({ error: `the sandbox answered ${res.status}` }));
  if (!res.ok || answer.error) error.textContent = answer.error ?? `the sandbox answered ${res.status}`;
  await refresh();
  return answer;
}

async function refresh() {
  const query = new URLSearchParams({ platform: where.platform, channel: where.channel, as: where.as });
  const res = await fetch(`/sandbox/feed?${query}`);
  if (!res.ok) return;
  const { html, modal: form } = await res.json();
  feed.dataset.loaded = "true";
  if (html !== shownFeed) {
    const atBottom = feed.parentElement.scrollTop + feed.parentElement.clientHeight >= feed.parentElement.scrollHeight - 40;
    feed.innerHTML = html;
    shownFeed = html;
    if (atBottom) feed.parentElement.scrollTop = feed.parentElement.scrollHeight;
  }
  const key = form && !dismissed.has(form.key) ? form.key : "";
  if (key !== shownModal) {
    modal.innerHTML = key ? form.html : "";
    shownModal = key;
  }
}

const composer = document.getElementById("composer");
const input = document.getElementById("command");
const filesBox = document.getElementById("files");
const suggestions = document.getElementById("suggestions");
// The file pickers by command name: Discord's attachment options; Slack's one shared file for a command that takes a link.
const fileOptions = JSON.parse(composer.dataset.files || "{}");
let shownPickers;

function showPickers() {
  const name = /^\/(\S+)/.exec(input.value.trim())?.[1] ?? "";
  const options = fileOptions[name] ?? [];
  if (options.join(",") === shownPickers) return;
  shownPickers = options.join(",");
  filesBox.replaceChildren(
    ...options.map((option) => {
      const label = document.createElement("label");
      const picker = document.createElement("input");
      picker.type = "file";
      picker.dataset.option = option;
      picker.setAttribute("aria-label", option);
      label.append(`📎 ${option} `, picker);
      return label;
    }),
  );
}

async function base64(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

async function pickedFiles() {
  const picked = [...filesBox.querySelectorAll("input[type=file]")].filter((p) => p.files?.length);
  return Promise.all(
    picked.map(async (p) => {
      const file = p.files[0];
      return { option: p.dataset.option, name: file.name, type: file.type, data: await base64(file) };
    }),
  );
}

composer.addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  const files = await pickedFiles();
  input.value = "";
  suggestions.replaceChildren();
  shownPickers = undefined;
  showPickers();
  await post("command", files.length ? { text, files } : { text });
});

// Discord asks the bot for choices as the member types an option it registered with autocomplete.
let typing;
let asked = 0;
async function suggest() {
  const text = input.value;
  const mine = ++asked;
  const res = await fetch("/sandbox/autocomplete", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ platform: where.platform, channel: where.channel, as: where.as, text }),
  });
  const { option, choices = [] } = await res.json().catch(() => ({}));
  if (mine !== asked || input.value !== text) return;
  suggestions.replaceChildren(
    ...choices.map((choice) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.setAttribute("role", "option");
      button.dataset.option = option;
      button.dataset.value = String(choice.value);
      button.textContent = choice.name;
      item.append(button);
      return item;
    }),
  );
}

input.addEventListener("input", () => {
  showPickers();
  if (where.platform !== "discord") return;
  clearTimeout(typing);
  typing = setTimeout(suggest, 250);
});

suggestions.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-value]");
  if (!button) return;
  // The choice's value takes the place of what was typed for its option: what Discord's client sends.
  const mark = ` ${button.dataset.option}:`;
  const at = input.value.lastIndexOf(mark);
  if (at >= 0) input.value = `${input.value.slice(0, at + mark.length)}${button.dataset.value}`;
  suggestions.replaceChildren();
  input.focus();
});

showPickers();

feed.addEventListener("click", async (event) => {
  const shortcut = event.target.closest("button[data-shortcut]");
  if (shortcut) {
    await post("shortcut", { action: shortcut.dataset.shortcut, message: shortcut.dataset.message, label: shortcut.dataset.label });
    return;
  }
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const { action, message, label, ephemeral } = button.dataset;
  await post("click", { action, message, label, ephemeral: ephemeral === "true" });
});

feed.addEventListener("change", async (event) => {
  const menu = event.target.closest("select[data-menu]");
  if (!menu?.value) return;
  const { menu: action, message, ephemeral } = menu.dataset;
  const label = menu.selectedOptions[0]?.textContent ?? "";
  await post("choose", { action, value: menu.value, message, label, ephemeral: ephemeral === "true" });
});

modal.addEventListener("click", (event) => {
  if (!event.target.closest("button.cancel")) return;
  dismissed.add(shownModal);
  modal.innerHTML = "";
  shownModal = "";
});

modal.addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const fields = Object.fromEntries(new FormData(form).entries());
  const answer = await post("modal", { id: form.dataset.modal, fields });
  if (answer.ok) {
    modal.innerHTML = "";
    shownModal = "";
  }
});

refresh();
setInterval(refresh, 700);
