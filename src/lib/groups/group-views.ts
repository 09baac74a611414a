import type { AdminOverview, GroupDashboard, MyGroups } from '$lib/domain/groups';
import type { AppState } from '$lib/state/app.svelte';
import { Live } from '$lib/state/live.svelte';
import { readGroupViews } from './group-client';

interface Views {
	mine: MyGroups | null;
	dashboards: Map<string, GroupDashboard>;
	admin: AdminOverview | null;
}

/** The kept group views (group-client.ts), live: they change when a sync or an action refreshes them. */
export function liveGroupViews(app: AppState): Live<Views> {
	// each answer is a new, read-only value: nothing mutates the map, so it needs no reactive Map
	const none: Views = { mine: null, dashboards: new Map<string, GroupDashboard>(), admin: null };
	return new Live<Views>(() => app.data?.watch((d) => readGroupViews(d.db)), none);
}
