// The certificate page's print button (/verify/<code>): a file of our own, so the page's CSP allows no inline script.
document.querySelector('[data-print]')?.addEventListener('click', () => window.print());
