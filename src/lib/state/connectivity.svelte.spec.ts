import { describe, expect, it } from 'vitest';
import { ConnectivityState, type ConnectivityDeps } from './connectivity.svelte';

function fakeDeps(online: boolean, answer: () => Promise<Response>) {
	const listeners = new Map<string, () => void>();
	const deps: ConnectivityDeps & { online: boolean; fire(type: string): void } = {
		online,
		target: {
			addEventListener: (type, fn) => void listeners.set(type, fn),
			removeEventListener: (type) => void listeners.delete(type)
		},
		isOnline: () => deps.online,
		fetch: () => answer(),
		retryMs: 1_000_000,
		fire: (type) => listeners.get(type)?.()
	};
	return deps;
}

describe('ConnectivityState', () => {
	it('is online when the phone has a network and the server answers', async () => {
		const state = new ConnectivityState(fakeDeps(true, () => Promise.resolve(new Response('{}'))));
		expect(await state.check()).toBe(true);
		expect(state.connection).toBe('online');
	});

	it('tells a dead server apart from no network', async () => {
		const deps = fakeDeps(true, () => Promise.reject(new TypeError('Failed to fetch')));
		const state = new ConnectivityState(deps);
		await state.check();
		expect(state.connection).toBe('server-unreachable');
		deps.online = false;
		await state.check();
		expect(state.connection).toBe('offline');
	});

	it('counts a server error answer as unreachable', async () => {
		const state = new ConnectivityState(
			fakeDeps(true, () => Promise.resolve(new Response('', { status: 503 })))
		);
		await state.check();
		expect(state.connection).toBe('server-unreachable');
	});

	it('follows the browser going offline and coming back', async () => {
		const deps = fakeDeps(true, () => Promise.resolve(new Response('{}')));
		const state = new ConnectivityState(deps);
		const stop = state.start();
		deps.online = false;
		deps.fire('offline');
		expect(state.connection).toBe('offline');
		deps.online = true;
		deps.fire('online');
		await new Promise((r) => setTimeout(r, 0));
		expect(state.connection).toBe('online');
		stop();
	});
});
