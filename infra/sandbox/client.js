// The sandbox page's script: follows the channel (polling its feed), sends commands, clicks and modal forms.
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

document.getElementById("composer").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = document.getElementById("command");
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  await post("command", { text });
});

feed.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const { action, message, label, ephemeral } = button.dataset;
  await post("click", { action, message, label, ephemeral: ephemeral === "true" });
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
