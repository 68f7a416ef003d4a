// Saves a form to the server a moment after typing stops, so nothing typed is lost if the
// connection drops later. Progressive enhancement: without this, the form's Save button works.
// Nothing is kept in the browser: the words go to the server or stay on the screen.

const DELAY_MS = 1500;

function autosave(form) {
  const status = form.querySelector("[data-autosave-status]");
  const version = form.querySelector('input[name$="version"]');
  let timer = null;
  let inFlight = false;
  let pending = false;

  async function save() {
    if (inFlight) {
      pending = true;
      return;
    }
    inFlight = true;
    status.textContent = "Saving…";
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Alongside-Autosave": "1" },
        credentials: "same-origin",
      });
      const answer = await response.json();
      if (answer.saved && version) {
        version.value = answer.version;
      }
      status.textContent = answer.message;
    } catch {
      status.textContent = "Not saved: check your connection. Your words are still here; press Save note to try again.";
    } finally {
      inFlight = false;
      if (pending) {
        pending = false;
        save();
      }
    }
  }

  form.addEventListener("input", () => {
    clearTimeout(timer);
    status.textContent = "";
    timer = setTimeout(save, DELAY_MS);
  });
}

document.querySelectorAll("form[data-autosave]").forEach(autosave);
