(() => {
  "use strict";
  const form = document.getElementById("filters");
  if (!form) return;
  const query = form.querySelector("#q"), theme = form.querySelector("#f-theme");
  const code = form.querySelector("#f-code"), quant = form.querySelector("#f-quant");
  const shown = form.querySelector("#shown"), none = document.getElementById("none");
  const papers = [...document.querySelectorAll("article.paper")];
  const sections = [...document.querySelectorAll("section.theme")];
  function apply() {
    const words = query.value.toLowerCase().split(/\s+/).filter(Boolean);
    let total = 0;
    for (const p of papers) {
      const ok = (!theme.value || p.dataset.theme === theme.value) && (!code.checked || "code" in p.dataset)
        && (!quant.checked || "quant" in p.dataset) && words.every((w) => p.dataset.search.includes(w));
      p.hidden = !ok;
      total += ok;
    }
    for (const s of sections) {
      const count = s.querySelectorAll("article.paper:not([hidden])").length, label = s.querySelector(".count");
      const all = label.dataset.total;
      label.textContent = count === Number(all) ? `${all} papers` : `${count} of ${all} papers`;
      s.hidden = count === 0;
      if (count && words.length) s.querySelector("details").open = true;
    }
    shown.textContent = String(total);
    none.hidden = total > 0;
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("reset", () => setTimeout(apply, 0));
  window.addEventListener("beforeprint", () => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
  form.hidden = false;
  apply();
})();
