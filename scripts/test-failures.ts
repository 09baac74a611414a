/** What `npm test` prints of each failure, read from the JSON reports of vitest and Playwright. */
export function firstLines(text: string, n = 6): string {
	// eslint-disable-next-line no-control-regex
	const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
	return plain
		.split('\n')
		.map((l) => l.trimEnd())
		.filter((l) => l.trim() !== '')
		.slice(0, n)
		.map((l) => `    ${l.slice(0, 200)}`)
		.join('\n');
}

export interface UnitReport {
	testResults?: {
		name: string;
		assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
		message?: string;
		status?: string;
	}[];
}

/** Each failed unit test: its file, name and the first lines of its message. */
export function unitFailures(report: UnitReport | null): string[] {
	const out: string[] = [];
	for (const file of report?.testResults ?? []) {
		const where = file.name.replace(`${process.cwd()}/`, '');
		for (const a of file.assertionResults ?? [])
			if (a.status === 'failed')
				out.push(`unit ${where} › ${a.fullName}\n${firstLines(a.failureMessages?.[0] ?? '')}`);
		if (file.status === 'failed' && (file.assertionResults ?? []).length === 0)
			out.push(`unit ${where}\n${firstLines(file.message ?? '')}`);
	}
	return out;
}

export interface PwSuite {
	title: string;
	file?: string;
	specs?: {
		title: string;
		line?: number;
		tests: { projectName: string; status: string; results: { error?: { message?: string } }[] }[];
	}[];
	suites?: PwSuite[];
}

/** Each failed or flaky browser test: project, file, line, title and the first lines of its error. */
export function browserFailures(report: { suites?: PwSuite[] } | null): string[] {
	const out: string[] = [];
	const walk = (suite: PwSuite, file: string) => {
		for (const spec of suite.specs ?? [])
			for (const t of spec.tests)
				if (t.status === 'unexpected' || t.status === 'flaky') {
					const error = t.results.find((r) => r.error)?.error?.message ?? '';
					out.push(
						`browser [${t.projectName}] ${file}:${spec.line ?? ''} › ${spec.title}\n${firstLines(error)}`
					);
				}
		for (const child of suite.suites ?? []) walk(child, suite.file ?? file);
	};
	for (const s of report?.suites ?? []) walk(s, s.file ?? s.title);
	return out;
}
