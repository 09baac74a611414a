import type { Workbox } from 'workbox-window';

/**
 * The service worker's life cycle as the user sees it: a new version installs in the background and waits;
 * the user is offered 更新 / Update; only then does it take over and the page reload. If a new version fails
 * to install, the old one simply stays in charge, so the app keeps opening offline.
 */
export class AppUpdate {
	#waiting = $state(false);
	#workbox: Workbox | null = null;

	get waiting(): boolean {
		return this.#waiting;
	}

	async register(url = '/service-worker.js'): Promise<void> {
		if (!('serviceWorker' in navigator)) return;
		const { Workbox } = await import('workbox-window');
		const wb = new Workbox(url);
		wb.addEventListener('waiting', () => (this.#waiting = true));
		this.#workbox = wb;
		try {
			await wb.register();
		} catch {
			// a failed registration leaves any earlier worker in charge
		}
	}

	/** Tells the waiting worker to take over, then reloads once it controls the page. */
	apply(): void {
		const wb = this.#workbox;
		if (!wb) return;
		wb.addEventListener('controlling', () => window.location.reload());
		wb.messageSkipWaiting();
	}

	/** Asks the browser to look for a new version now (also done on every navigation by the browser). */
	async check(): Promise<void> {
		await this.#workbox?.update();
	}
}
