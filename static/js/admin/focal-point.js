/* Photo admin: a click on the preview sets the focal point fields (which still work by hand). */
(function () {
  "use strict";

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

    function place(x, y) {
      marker.style.left = x * 100 + "%";
      marker.style.top = y * 100 + "%";
    }

    image.addEventListener("click", function (event) {
      var rect = image.getBoundingClientRect();
      var x = round((event.clientX - rect.left) / rect.width);
      var y = round((event.clientY - rect.top) / rect.height);
      fieldX.value = x;
      fieldY.value = y;
      place(x, y);
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
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-focal-point]").forEach(attach);
  });
})();
