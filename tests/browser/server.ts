import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A real production server (`node build`, the same one `npm start` runs) on its own port and database. */
export interface RunningServer {
	url: string;
	port: number;
	buildDir: string;
	/**
	 * Stops the process and waits for it to exit: SIGTERM, as a deployment would, or another signal (SIGKILL:
	 * a crash, nothing flushed or closed).
	 */
	stop(signal?: NodeJS.Signals): Promise<void>;
	/** Starts it again on the same port (the same origin, so the service worker stays registered). */
	restart(): Promise<void>;
	/** Removes its data folder (and its build copy, if any). */
	dispose(): Promise<void>;
	/** What the process printed since it last started. */
	output(): string;
	/** The exit code of the last run, once it has stopped. */
	exitCode(): number | null;
	/** The folder holding this server's database. */
	dataDir: string;
	/** The database settings it runs with (SQLITE_PATH, DATABASE_URL), for scripts such as user:create. */
	databaseEnv: Record<string, string>;
}

export function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address
					? resolvePort(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

async function waitForHealth(
	url: string,
	child: ChildProcess,
	output: () => string
): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
		try {
			const response = await fetch(`${url}/api/health`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server did not become healthy:\n${output()}`);
}

/**
 * `copyBuild` runs the server from a private copy of build/ (inside the project, so node_modules resolve),
 * which a test may change to play a new or broken version.
 */
export async function startServer(
	options: {
		copyBuild?: boolean;
		/** Extra environment; `SQLITE_PATH: undefined` leaves the default (./data under `cwd`). */
		env?: Record<string, string | undefined>;
		cwd?: string;
	} = {}
): Promise<RunningServer> {
	const root = resolve('.');
	const dataDir = mkdtempSync(join(tmpdir(), 'heitu-e2e-'));
	let buildDir = join(root, 'build');
	if (options.copyBuild) {
		buildDir = join(root, '.test-builds', `build-${process.pid}-${Date.now()}`);
		cpSync(join(root, 'build'), buildDir, { recursive: true });
	}
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let child: ChildProcess;
	let output = '';

	const launch = async () => {
		output = '';
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			SQLITE_PATH: join(dataDir, 'heitu.sqlite'),
			DATABASE_URL: '',
			LOG_LEVEL: 'warn',
			...options.env
		};
		for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
		child = spawn(process.execPath, [buildDir], {
			env,
			cwd: options.cwd ?? root,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
		await waitForHealth(url, child, () => output);
	};

	const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill(signal);
		await exited;
	};

	await launch();
	return {
		url,
		port,
		buildDir,
		dataDir,
		databaseEnv: {
			SQLITE_PATH: join(dataDir, 'heitu.sqlite'),
			DATABASE_URL: options.env?.DATABASE_URL ?? ''
		},
		output: () => output,
		exitCode: () => child.exitCode,
		stop,
		restart: launch,
		dispose: async () => {
			await stop('SIGTERM');
			rmSync(dataDir, { recursive: true, force: true });
			if (options.copyBuild) rmSync(buildDir, { recursive: true, force: true });
		}
	};
}
