/* Story form: autosave into the working version every half minute, who else has the story
   open, and the "take theirs" buttons of a refused save. The form works without it. */
(function () {
  "use strict";

  function start() {
    var form = document.getElementById("article_form");
    var box = document.getElementById("desk-autosave");
    if (!form || !box) {
      return;
    }
    var status = box.querySelector(".desk-autosave__status");
    var present = box.querySelector(".desk-autosave__present");
    var revision = form.querySelector("input[name=revision]");
    var busy = false;

    document.querySelectorAll(".desk-conflict__take").forEach(function (button) {
      button.addEventListener("click", function () {
        var name = button.getAttribute("data-field");
        var theirs = document.querySelector(".desk-conflict__theirs[data-field='" + name + "']");
        var field = document.getElementById("id_" + name);
        if (theirs && field) {
          field.value = theirs.value;
          field.dispatchEvent(new Event("change", { bubbles: true }));
          button.textContent = "Taken";
        }
      });
    });

    function autosave() {
      if (busy) {
        return;
      }
      busy = true;
      fetch(box.getAttribute("data-url"), {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" }
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (answer) {
          if (answer.saved) {
            status.textContent = "Saved at " + answer.saved_at;
          } else if (answer.conflict) {
            status.textContent = "Not saved automatically: " + answer.conflict;
          } else if (answer.errors) {
            status.textContent = "Not saved automatically: " + answer.errors.join(" ");
          }
          if (answer.revision !== undefined && revision) {
            revision.value = answer.revision;
          }
          present.textContent = answer.present && answer.present.length
            ? "Also open by " + answer.present.join(", ") + "."
            : "";
        })
        .catch(function () {
          status.textContent = "Not saved automatically: the desk did not answer.";
        })
        .finally(function () {
          busy = false;
        });
    }

    var seconds = parseInt(box.getAttribute("data-seconds"), 10) || 30;
    window.setInterval(autosave, seconds * 1000);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
