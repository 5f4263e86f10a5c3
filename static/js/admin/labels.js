/*
 * The tag boxes (Django's autocomplete, built on select2) type into a search field that select2
 * adds beside the real <select>, with no label of its own. Give each the name of its field, so a
 * screen reader says "Places" rather than "edit text". New boxes appear when inline rows are added,
 * so keep watching the page. (The body editor is left alone: it redraws its own attributes.)
 */
(function () {
  "use strict";

  function fieldName(searchField) {
    var container = searchField.closest(".select2-container");
    var select = container && container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") return "";
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function labelFields(root) {
    root.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (field) {
      var name = fieldName(field);
      if (name) field.setAttribute("aria-label", name);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    labelFields(document);
    new MutationObserver(function () {
      labelFields(document);
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
