/** The poster: 3:4 like a product photo, big enough for a phone screen and a print. */
export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1000;
const PHOTO_SIDE = 750;
const QR_SIDE = 200;

export interface PosterContent {
	photo: Blob;
	title: string;
	/** Already worded: "¥60.00 / 件". */
	price: string;
	origin: string;
	/** The trace page's address for the QR, or null without a trace code. */
	traceUrl: string | null;
	scanWords: string;
}

/** Draws the poster on the canvas: the photo filling the top square, the words and the trace QR below. */
export async function drawPoster(canvas: HTMLCanvasElement, content: PosterContent): Promise<void> {
	canvas.width = POSTER_WIDTH;
	canvas.height = POSTER_HEIGHT;
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('no 2d canvas');
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);

	const photo = await createImageBitmap(content.photo);
	// cover: the photo's middle fills the square
	const scale = Math.max(PHOTO_SIDE / photo.width, PHOTO_SIDE / photo.height);
	const w = PHOTO_SIDE / scale;
	const h = PHOTO_SIDE / scale;
	ctx.drawImage(
		photo,
		(photo.width - w) / 2,
		(photo.height - h) / 2,
		w,
		h,
		0,
		0,
		PHOTO_SIDE,
		PHOTO_SIDE
	);
	photo.close();

	const textWidth = content.traceUrl ? POSTER_WIDTH - QR_SIDE - 60 : POSTER_WIDTH - 48;
	ctx.fillStyle = '#1b1b1b';
	ctx.textBaseline = 'top';
	ctx.font = 'bold 34px sans-serif';
	const lines = wrap(ctx, content.title, textWidth).slice(0, 2);
	lines.forEach((line, i) => ctx.fillText(line, 24, 770 + i * 42));
	ctx.fillStyle = '#b3261e';
	ctx.font = 'bold 52px sans-serif';
	ctx.fillText(content.price, 24, 860, textWidth);
	ctx.fillStyle = '#1b1b1b';
	ctx.font = '28px sans-serif';
	if (content.origin) ctx.fillText(content.origin, 24, 935, textWidth);

	if (content.traceUrl) {
		const QRCode = await import('qrcode');
		const qr = document.createElement('canvas');
		await QRCode.toCanvas(qr, content.traceUrl, { width: QR_SIDE - 20, margin: 1 });
		const x = POSTER_WIDTH - QR_SIDE - 12;
		ctx.drawImage(qr, x + 10, 762, QR_SIDE - 20, QR_SIDE - 20);
		ctx.font = '22px sans-serif';
		ctx.textAlign = 'center';
		ctx.fillText(content.scanWords, x + QR_SIDE / 2, 948);
		ctx.textAlign = 'start';
	}
}

/** Breaks a title into lines that fit, character by character (Chinese has no spaces to break at). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const ch of text) {
		if (line && ctx.measureText(line + ch).width > width) {
			lines.push(line);
			line = ch.trim() ? ch : '';
		} else line += ch;
	}
	if (line) lines.push(line);
	return lines;
}

export function posterPng(canvas: HTMLCanvasElement): Promise<Blob> {
	return new Promise((resolve, reject) =>
		canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no png'))), 'image/png')
	);
}
