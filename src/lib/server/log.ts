/** Structured logs: one JSON object per line on stdout, easy to grep and to ship. */
export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
	debug(msg: string, fields?: Record<string, unknown>): void;
	info(msg: string, fields?: Record<string, unknown>): void;
	warn(msg: string, fields?: Record<string, unknown>): void;
	error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(
	minLevel: Level = 'info',
	write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
	now: () => Date = () => new Date()
): Logger {
	const emit = (level: Level, msg: string, fields: Record<string, unknown> = {}) => {
		if (ORDER[level] < ORDER[minLevel]) return;
		write(JSON.stringify({ time: now().toISOString(), level, msg, ...fields }));
	};
	return {
		debug: (msg, fields) => emit('debug', msg, fields),
		info: (msg, fields) => emit('info', msg, fields),
		warn: (msg, fields) => emit('warn', msg, fields),
		error: (msg, fields) => emit('error', msg, fields)
	};
}

function levelFromEnv(value: string | undefined): Level {
	return value && value in ORDER ? (value as Level) : 'info';
}

export const log = createLogger(levelFromEnv(process.env.LOG_LEVEL));
