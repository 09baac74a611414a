import { describe, expect, it } from 'vitest';
import { browserFailures, unitFailures } from './test-failures';

// Shapes as vitest's and Playwright's JSON reporters write them (trimmed to the fields read).
describe('what npm test prints of each failure', () => {
	it('names a failed browser test, its project and line, with the error without colour codes', () => {
		const lines = browserFailures({
			suites: [
				{
					title: 'chaos.spec.ts',
					file: 'chaos.spec.ts',
					specs: [
						{
							title: 'sync loses nothing',
							line: 14,
							tests: [
								{ projectName: 'sqlite', status: 'expected', results: [{}] },
								{
									projectName: 'postgres',
									status: 'unexpected',
									results: [
										{
											error: {
												message:
													'\u001b[31mError: expect(received).toEqual(expected)\u001b[39m\n\n- Expected  - 0\n+ Received  + 1'
											}
										}
									]
								}
							]
						}
					]
				}
			]
		});
		expect(lines).toEqual([
			'browser [postgres] chaos.spec.ts:14 › sync loses nothing\n    Error: expect(received).toEqual(expected)\n    - Expected  - 0\n    + Received  + 1'
		]);
	});

	it('finds tests inside describe blocks and counts a flaky test as a failure', () => {
		const lines = browserFailures({
			suites: [
				{
					title: 'a.spec.ts',
					file: 'a.spec.ts',
					suites: [
						{
							title: 'group',
							specs: [
								{
									title: 'inner',
									line: 3,
									tests: [
										{
											projectName: 'sqlite',
											status: 'flaky',
											results: [{ error: { message: 'x' } }, {}]
										}
									]
								}
							]
						}
					]
				}
			]
		});
		expect(lines).toEqual(['browser [sqlite] a.spec.ts:3 › inner\n    x']);
	});

	it('names a failed unit test and a file that failed to load', () => {
		const lines = unitFailures({
			testResults: [
				{
					name: `${process.cwd()}/src/a.spec.ts`,
					status: 'failed',
					assertionResults: [
						{ fullName: 'a works', status: 'passed' },
						{ fullName: 'a fails', status: 'failed', failureMessages: ['AssertionError: 1 !== 2'] }
					]
				},
				{ name: `${process.cwd()}/src/b.spec.ts`, status: 'failed', message: 'SyntaxError: nope' }
			]
		});
		expect(lines).toEqual([
			'unit src/a.spec.ts › a fails\n    AssertionError: 1 !== 2',
			'unit src/b.spec.ts\n    SyntaxError: nope'
		]);
	});

	it('says nothing when the reports are missing', () => {
		expect(unitFailures(null)).toEqual([]);
		expect(browserFailures(null)).toEqual([]);
	});
});
