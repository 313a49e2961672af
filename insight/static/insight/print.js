// The dossier's print button: a script file, not an inline handler, so the page works under a strict CSP.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
