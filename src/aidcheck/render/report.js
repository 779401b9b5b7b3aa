"use strict";
(function () {
  var form = document.getElementById("filters");
  var findings = Array.prototype.slice.call(document.querySelectorAll("#findings .finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("#findings .rule"));
  var shown = document.getElementById("shown");
  var empty = document.getElementById("none-shown");
  function apply() {
    var severities = {};
    form.querySelectorAll("input[name=severity]").forEach(function (box) {
      severities[box.value] = box.checked;
    });
    var rule = form.querySelector("select[name=rule]").value;
    var visible = 0;
    findings.forEach(function (item) {
      var show = severities[item.dataset.severity] === true &&
        (rule === "" || item.dataset.rule === rule);
      item.hidden = !show;
      if (show) { visible += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = group.querySelector(".finding:not([hidden])") === null;
    });
    shown.textContent = "Showing " + visible + " of " + findings.length + " findings";
    empty.hidden = visible !== 0 || findings.length === 0;
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
