/** Text put into server-written HTML (the trace and certificate pages): never markup. */
export function esc(text: string | number): string {
	return String(text).replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
	);
}
