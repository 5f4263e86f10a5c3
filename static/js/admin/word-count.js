/* The story form: the body's word count and reading time, updated as the desk types. Counts as
   articles.text.word_count does: words of each paragraph, heading, list item or caption. */
(function () {
  "use strict";

  var BLOCK_END = /<\/(p|h[1-6]|li|blockquote|figcaption|div|tr)>|<br\s*\/?>/gi;

  function wordCount(html) {
    var text = new DOMParser().parseFromString(html.replace(BLOCK_END, "\n\n"), "text/html").body
      .textContent;
    var words = text.split(/\s+/).filter(Boolean);
    return words.length;
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  function attach(output) {
    var body = document.getElementById(output.htmlFor.value || "id_body");
    var perMinute = Number(output.dataset.wordsPerMinute) || 230;
    if (!body) {
      return;
    }
    function update() {
      var words = wordCount(body.value);
      output.textContent =
        plural(words, "word") + ", about " + plural(Math.ceil(words / perMinute), "minute") +
        " to read";
    }
    // The editor copies its HTML into the textarea and announces it with an input event.
    body.addEventListener("input", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("output.desk-length").forEach(attach);
  });
})();
