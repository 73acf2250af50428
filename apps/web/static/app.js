/* global document */
// dondoc web UI: progressive enhancement only; every page works without it.
// After a refused form, move the keyboard focus to the first field in error.
document.addEventListener('DOMContentLoaded', function () {
  var first = document.querySelector('[aria-invalid="true"]');
  if (first && typeof first.focus === 'function') first.focus();
});
