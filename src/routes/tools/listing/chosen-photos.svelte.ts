/** A photo chosen from the gallery for this listing: kept in memory only, its size read once. */
export interface ChosenPhoto {
	file: File;
	url: string;
	width: number;
	height: number;
}

/** The photos chosen for the listing; object URLs are released when a photo goes. */
export class ChosenPhotos {
	#photos = $state<ChosenPhoto[]>([]);
	#unreadable = $state(false);
	posterIndex = $state(0);

	get list(): readonly ChosenPhoto[] {
		return this.#photos;
	}

	get unreadable(): boolean {
		return this.#unreadable;
	}

	get posterPhoto(): ChosenPhoto | null {
		return this.#photos[this.posterIndex] ?? null;
	}

	async add(files: File[]): Promise<void> {
		this.#unreadable = false;
		for (const file of files) {
			try {
				const bitmap = await createImageBitmap(file);
				const { width, height } = bitmap;
				bitmap.close();
				this.#photos.push({ file, url: URL.createObjectURL(file), width, height });
			} catch {
				this.#unreadable = true;
			}
		}
	}

	remove(index: number): void {
		const [gone] = this.#photos.splice(index, 1);
		if (gone) URL.revokeObjectURL(gone.url);
		if (this.posterIndex >= this.#photos.length) this.posterIndex = 0;
	}

	clear(): void {
		for (const photo of this.#photos) URL.revokeObjectURL(photo.url);
		this.#photos = [];
	}
}
