/** Saves text as a file the phone downloads (a CSV, an EPCIS or GeoJSON document). */
export function downloadText(text: string, type: string, name: string): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
