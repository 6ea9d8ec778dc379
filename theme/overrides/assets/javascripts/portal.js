/* Mobility Portal: tables wider than the page scroll sideways inside Material's wrapper
   (.md-typeset__scrollwrap). A keyboard user must be able to reach and scroll them (WCAG 2.1.1):
   while a wrapper overflows it is focusable, and a region named after the table's caption or the
   heading above it. */
(function () {
  function heading(element) {
    for (var node = element; node && !node.matches("article"); node = node.parentElement) {
      for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
        if (/^H[1-6]$/.test(before.tagName)) return before;
      }
    }
    return null;
  }

  function label(wrap) {
    var source = wrap.querySelector("caption") || heading(wrap);
    if (!source) return "";
    var copy = source.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (link) { link.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function update(wrap) {
    var name = wrap.scrollWidth > wrap.clientWidth ? label(wrap) : null;
    if (name === null) {
      ["tabindex", "role", "aria-label"].forEach(function (attribute) { wrap.removeAttribute(attribute); });
      return;
    }
    wrap.setAttribute("tabindex", "0");
    if (name) {
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", name);
    }
  }

  function watch() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      update(wrap);
      if (window.ResizeObserver) new ResizeObserver(function () { update(wrap); }).observe(wrap);
    });
  }

  if (window.document$) window.document$.subscribe(watch);
  else document.addEventListener("DOMContentLoaded", watch);
})();
