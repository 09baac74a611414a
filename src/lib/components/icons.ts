// 24×24 outline paths, drawn for this app. Decorative: the text label beside an icon carries the meaning.
export const iconPaths = {
	learn:
		'M4 5.5C4 4.7 4.7 4 5.5 4H11v15H5.5A1.5 1.5 0 0 1 4 17.5zM20 5.5c0-.8-.7-1.5-1.5-1.5H13v15h5.5c.8 0 1.5-.7 1.5-1.5z',
	fields: 'M3 6l6-3 6 3 6-3v15l-6 3-6-3-6 3zM9 3v15M15 6v15',
	records: 'M8 4h8v3H8zM6 5H5v16h14V5h-1M8 11h8M8 15h6',
	tools: 'M14.7 6.3a4 4 0 0 0-5.4 5.4L3 18l3 3 6.3-6.3a4 4 0 0 0 5.4-5.4l-2.5 2.5-2.5-.5-.5-2.5z',
	me: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 3.6-6 8-6s8 2 8 6',
	home: 'M3 11l9-7 9 7M5 9.5V20h5v-6h4v6h5V9.5',
	offline:
		'M3 3l18 18M8.5 8.6A7 7 0 0 0 6 10.3M2 8.8a15 15 0 0 1 4.2-2.6M10.7 5.1A15 15 0 0 1 22 8.8M12 20h.01M8.5 16.4a5 5 0 0 1 7 0',
	online: 'M2 8.8a15 15 0 0 1 20 0M5 12.9a10 10 0 0 1 14 0M8.5 16.4a5 5 0 0 1 7 0M12 20h.01',
	sync: 'M20 12a8 8 0 0 1-14.3 4.9M4 12a8 8 0 0 1 14.3-4.9M18 3v4.5h-4.5M6 21v-4.5h4.5',
	elder: 'M4 7V5h12v2M10 5v14M7 19h6M14 13v-2h7v2M17.5 11v8M16 19h3'
} as const;
export type IconName = keyof typeof iconPaths;
