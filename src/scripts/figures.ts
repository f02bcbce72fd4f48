/**
 * Upgrades each static figure to an interactive Chart.js chart when it comes within ~300 px of the
 * viewport. Chart.js is imported only then, so a page loads no chart code until a figure is near.
 */
const boxes = document.querySelectorAll<HTMLElement>('[data-chart-box]');

if (boxes.length > 0 && 'IntersectionObserver' in window) {
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries.filter((e) => e.isIntersecting)) {
        observer.unobserve(entry.target);
        void import('./chart-draw').then(({ drawChart }) => drawChart(entry.target as HTMLElement));
      }
    },
    { rootMargin: '300px 0px' },
  );
  boxes.forEach((box) => observer.observe(box));
}
