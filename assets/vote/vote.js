// The voting page: join with the PIN, then vote on whatever decision is open. One anonymous
// id per phone is kept in this browser's storage, and the PIN for this tab only, so a phone
// whose seat was freed while its screen slept takes the same seat back without asking.
"use strict";
(function () {
  const base = location.pathname.replace(/\/+$/, "");
  const key = "feedwise-device:" + base;
  const $ = (id) => document.getElementById(id);
  let device = localStorage.getItem(key);
  const pinKey = "feedwise-pin:" + base;
  let question = null;
  let picked = [];
  let sentFor = null;

  function status(text, kind) {
    const s = $("status");
    s.textContent = text;
    s.className = kind || "";
  }

  async function call(path, body) {
    const options = { headers: {}, cache: "no-store" };
    if (device) options.headers["X-Device"] = device;
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(base + path, options);
    let data = {};
    try { data = await response.json(); } catch (_) { /* no body */ }
    return { ok: response.ok, status: response.status, data };
  }

  function showJoin() {
    $("join").hidden = false;
    $("question").hidden = true;
    status("Enter the PIN shown on the screen.");
    // The QR code on the screen carries the PIN after `#`, which never reaches the server's
    // logs or this page's address bar history on the server side: scanning joins at once.
    const fromCode = /pin=(\d{6})/.exec(location.hash);
    if (fromCode) {
      $("pin").value = fromCode[1];
      history.replaceState(null, "", location.pathname);
      $("join").requestSubmit();
    }
  }

  async function join(pin) {
    const body = { pin };
    if (device) body.previous = device;
    const result = await call("/join", body);
    if (result.ok) {
      device = result.data.device;
      localStorage.setItem(key, device);
      sessionStorage.setItem(pinKey, pin);
    }
    return result;
  }

  $("join").addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = await join($("pin").value.trim());
    if (result.ok) {
      $("join").hidden = true;
      poll();
    } else {
      status(result.data.error || "Could not join.", "error");
    }
  });

  // The seat was freed or the server restarted: take it back with the PIN this tab used.
  async function rejoin() {
    const pin = sessionStorage.getItem(pinKey);
    if (pin && (await join(pin)).ok) return true;
    localStorage.removeItem(key);
    device = null;
    showJoin();
    return false;
  }

  function how(q) {
    if (q.kind === "Choose") return "Tap one option.";
    if (q.kind === "Rank") return "Tap the options from most to least appropriate, then send.";
    return "Choose " + q.kind.ChooseSeveral.pick + ", then send.";
  }

  function wanted(q) {
    if (q.kind === "Choose") return 1;
    if (q.kind === "Rank") return q.options.length;
    return q.kind.ChooseSeveral.pick;
  }

  function render() {
    const q = question;
    $("join").hidden = true;
    if (!q) {
      $("question").hidden = true;
      if (sentFor === null) status("Waiting for the facilitator to open voting.");
      return;
    }
    $("question").hidden = false;
    $("prompt").textContent = q.prompt;
    $("how").textContent = how(q);
    const list = $("options");
    list.replaceChildren();
    q.options.forEach(([id, text]) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      const place = picked.indexOf(id);
      const mark = document.createElement("span");
      mark.className = "mark";
      mark.textContent = place >= 0 ? (q.kind === "Rank" ? String(place + 1) : "\u2713") : "";
      const words = document.createElement("span");
      words.textContent = text;
      button.append(mark, words);
      if (place >= 0) button.classList.add("chosen");
      button.addEventListener("click", () => choose(id));
      item.append(button);
      list.append(item);
    });
    const many = q.kind !== "Choose";
    $("reset").hidden = !many || picked.length === 0;
    $("send").hidden = !many || picked.length !== wanted(q);
  }

  function choose(id) {
    const q = question;
    if (!q) return;
    if (q.kind === "Choose") {
      picked = [id];
      send();
      return;
    }
    const at = picked.indexOf(id);
    if (at >= 0) picked.splice(at, 1);
    else if (picked.length < wanted(q)) picked.push(id);
    render();
  }

  async function send(retried) {
    const q = question;
    const result = await call("/vote", { device, decision: q.decision, options: picked });
    if (result.ok) {
      sentFor = q.decision;
      status("Vote received. You can change it until voting closes.", "done");
    } else if (result.status === 401) {
      if (!retried && (await rejoin())) { send(true); return; }
    } else {
      status(result.data.error || "The vote was not counted.", "error");
    }
    render();
  }

  $("reset").addEventListener("click", () => { picked = []; render(); });
  $("send").addEventListener("click", () => send(false));

  async function poll() {
    if (!device) { showJoin(); return; }
    try {
      const result = await call("/question");
      if (result.status === 401) {
        if (!(await rejoin())) return;
        setTimeout(poll, 0);
        return;
      }
      const next = result.data.question || null;
      const changed = JSON.stringify(next) !== JSON.stringify(question);
      if (changed) {
        if (!next || !question || next.decision !== question.decision) {
          picked = [];
          if (next && sentFor !== next.decision) status("Voting is open.");
          if (!next && sentFor !== null) status("Voting has closed. Thank you.", "done");
        }
        question = next;
        render();
      }
    } catch (_) {
      status("Lost the connection; trying again...", "error");
    }
    setTimeout(poll, 1500);
  }

  poll();
})();
