/**
 * A PostgreSQL database for a benchmark: a fresh database next to BENCH_DATABASE_URL or TEST_DATABASE_URL when
 * one is set, else a throwaway cluster from Debian's postgresql package (as .ci/run makes one; needs root, since
 * the server runs as the `postgres` user), else none (the benchmark says PostgreSQL was skipped).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface BenchPostgres {
	url: string;
	stop(): Promise<void>;
}

async function freshDatabase(base: string, name: string): Promise<BenchPostgres> {
	const admin = new pg.Client({ connectionString: base });
	await admin.connect();
	await admin.query(`drop database if exists ${name} with (force)`);
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(base);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		stop: async () => {
			const again = new pg.Client({ connectionString: base });
			await again.connect();
			await again.query(`drop database if exists ${name} with (force)`);
			await again.end();
		}
	};
}

export async function benchPostgres(name: string, port: number): Promise<BenchPostgres | null> {
	const base = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
	if (base) return freshDatabase(base, name);
	const root = '/usr/lib/postgresql';
	if (!existsSync(root) || process.getuid?.() !== 0) return null;
	const version = readdirSync(root)
		.sort((a, b) => Number(a) - Number(b))
		.at(-1);
	if (!version) return null;
	const bin = join(root, version, 'bin');
	const dir = mkdtempSync(join(tmpdir(), 'heitu-bench-pg-'));
	chmodSync(dir, 0o777);
	const asPostgres = (command: string) =>
		execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', command], { stdio: 'ignore' });
	asPostgres(`${bin}/initdb -D ${dir}/data -A trust -U postgres -E UTF8`);
	asPostgres(
		`${bin}/pg_ctl -D ${dir}/data -l ${dir}/log -w -o '-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300' start`
	);
	asPostgres(`${bin}/createdb -h 127.0.0.1 -p ${port} -U postgres ${name}`);
	return {
		url: `postgres://postgres@127.0.0.1:${port}/${name}`,
		stop: () => {
			try {
				asPostgres(`${bin}/pg_ctl -D ${dir}/data -m fast stop`);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
			return Promise.resolve();
		}
	};
}
