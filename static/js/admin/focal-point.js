/*
 * Photo admin: a click on the preview sets the focal point fields (which still work by hand), and
 * so do the arrow keys once the preview has the focus: a step of 5%, 1% with Shift.
 */
(function () {
  "use strict";

  var STEP = 0.05;
  var SMALL_STEP = 0.01;
  var MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

  // A field left empty or mistyped counts as the middle, where a new photo's point starts.
  function valueOf(field) {
    var value = parseFloat(field.value);
    return isNaN(value) ? 0.5 : value;
  }

  function round(value) {
    return Math.min(1, Math.max(0, Math.round(value * 1000) / 1000));
  }

  function attach(box) {
    var image = box.querySelector(".focal-point__image");
    var marker = box.querySelector(".focal-point__marker");
    var fieldX = document.getElementById("id_focal_x");
    var fieldY = document.getElementById("id_focal_y");
    if (!image || !fieldX || !fieldY) {
      return;
    }
    box.classList.add("focal-point--active");
    box.tabIndex = 0;
    box.setAttribute("role", "group");

    function place(x, y) {
      marker.style.left = x * 100 + "%";
      marker.style.top = y * 100 + "%";
      box.setAttribute(
        "aria-label",
        "Focal point, " + Math.round(x * 100) + "% across and " + Math.round(y * 100) +
          "% down. Arrow keys move it."
      );
    }

    function set(x, y) {
      fieldX.value = x;
      fieldY.value = y;
      place(x, y);
    }

    image.addEventListener("click", function (event) {
      var rect = image.getBoundingClientRect();
      set(round((event.clientX - rect.left) / rect.width), round((event.clientY - rect.top) / rect.height));
    });

    box.addEventListener("keydown", function (event) {
      var move = MOVES[event.key];
      if (!move || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      event.preventDefault();
      var step = event.shiftKey ? SMALL_STEP : STEP;
      set(round(valueOf(fieldX) + move[0] * step), round(valueOf(fieldY) + move[1] * step));
    });

    [fieldX, fieldY].forEach(function (field) {
      field.addEventListener("input", function () {
        var x = parseFloat(fieldX.value);
        var y = parseFloat(fieldY.value);
        if (!isNaN(x) && !isNaN(y)) {
          place(round(x), round(y));
        }
      });
    });
    place(round(valueOf(fieldX)), round(valueOf(fieldY)));
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-focal-point]").forEach(attach);
  });
})();
