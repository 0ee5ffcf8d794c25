// Gongkai pages work without this file; it only lets Escape close a number's popover
// (WCAG 1.4.13: content shown on hover or focus can be dismissed).
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const active = document.activeElement;
  if (active && active.classList.contains("num")) active.classList.add("pop-hidden");
});
document.addEventListener("focusin", (event) => {
  const target = event.target;
  if (target instanceof Element && target.classList.contains("num")) target.classList.remove("pop-hidden");
});
