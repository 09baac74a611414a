import { describe, expect, it } from 'vitest';
import { createPatch, SAMPLE_TIME } from '../../../tests/factories/records';
import { recordProblems, timeProblems } from './record-schemas';
import {
	answerRight,
	cleanScope,
	isToolLink,
	queueOrder,
	roundPlace,
	type Answerer
} from './questions';

const HLC = '001777593600000-00000-3f9a1c2b7d4e';
const HASH = 'a'.repeat(64);
const question = (overrides: Record<string, unknown> = {}) => ({
	id: 'q1',
	hlc: HLC,
	...createPatch('questions', overrides)
});
const answer = (overrides: Record<string, unknown> = {}) => ({
	id: 'a1',
	hlc: HLC,
	...createPatch('answers', overrides)
});
const paths = (table: 'questions' | 'answers', value: unknown) =>
	recordProblems(table, value, 'write').map((p) => `${p.path}: ${p.message}`);

describe('question records', () => {
	it('take a whole question, with a place on the 0.01° grid and up to 6 photos', () => {
		expect(paths('questions', question())).toEqual([]);
		expect(
			paths(
				'questions',
				question({
					place: roundPlace(45.7581, 126.6312),
					photos: Array(6).fill(HASH),
					voiceNote: HASH,
					urgency: 'urgent',
					groupId: 'g1',
					parentId: 'q0',
					acceptedAnswer: { ownerId: 'agent', id: 'a1' },
					county: '五常市',
					fieldId: 'f1'
				})
			)
		).toEqual([]);
		expect(roundPlace(45.7581, 126.6312)).toEqual({ lat: 45.76, lng: 126.63 });
	});

	it('refuse a field’s exact place, too many photos, long text, unknown urgency, a silent question', () => {
		expect(paths('questions', question({ place: { lat: 45.7581, lng: 126.63 } }))).toEqual([
			'place.lat: rounded to 0.01° (about a village), not a field’s place'
		]);
		expect(paths('questions', question({ photos: Array(7).fill(HASH) }))).toEqual([
			'photos: at most 6 photos'
		]);
		expect(paths('questions', question({ text: '问'.repeat(2001) }))).toEqual([
			'text: at most 2000 characters'
		]);
		expect(paths('questions', question({ urgency: 'soon' }))).toEqual([
			'urgency: normal or urgent'
		]);
		expect(paths('questions', question({ text: '  ', photos: [], voiceNote: null }))).toEqual([
			'text: say what is wrong in words, a photo or a voice note'
		]);
		// a photo alone says enough
		expect(paths('questions', question({ text: '', photos: [HASH] }))).toEqual([]);
		expect(paths('questions', question({ parentId: 'q1' }))).toEqual([
			'parentId: a follow-up names the question it follows, not itself'
		]);
		expect(paths('questions', question({ crop: '' }))).toEqual(['crop: must not be empty']);
		expect(paths('questions', question({ acceptedAnswer: { id: 'a1' } }))).toEqual([
			'acceptedAnswer.ownerId: missing'
		]);
	});

	it('keep a question and an answer out of the future', () => {
		const rules = { slackMs: 60_000, plannedAheadMs: 0 };
		const later = SAMPLE_TIME + 86_400_000;
		expect(timeProblems('questions', { askedAt: later }, SAMPLE_TIME, rules)).toHaveLength(1);
		expect(timeProblems('answers', { answeredAt: later }, SAMPLE_TIME, rules)).toHaveLength(1);
		expect(timeProblems('answers', { answeredAt: SAMPLE_TIME }, SAMPLE_TIME, rules)).toEqual([]);
	});
});

describe('answer records', () => {
	it('take words, photos, a lesson and a link to one of the app’s own tools', () => {
		expect(paths('answers', answer())).toEqual([]);
		expect(
			paths(
				'answers',
				answer({
					photos: [HASH],
					lessonId: 'soil-testing',
					tool: '/tools/fertilizer?crop=maize&yield=600'
				})
			)
		).toEqual([]);
		expect(paths('answers', answer({ text: '', photos: [HASH] }))).toEqual([]);
	});

	it('refuse another site, a script, a lesson id that is not one, and an empty answer', () => {
		for (const tool of [
			'https://example.com/tools/fertilizer',
			'//example.com',
			'javascript:alert(1)',
			'/tools/fertilizer/../../admin',
			'/admin',
			'/tools/spray?x=<script>',
			'/tools/spray?a=1?b=2'
		]) {
			expect(isToolLink(tool), tool).toBe(false);
			expect(paths('answers', answer({ tool }))).toHaveLength(1);
		}
		expect(isToolLink('/tools/spray')).toBe(true);
		expect(paths('answers', answer({ lessonId: 'Soil Testing' }))).toEqual([
			'lessonId: not a lesson id (soil-testing)'
		]);
		expect(paths('answers', answer({ text: ' ', photos: [] }))).toEqual([
			'text: an answer needs words or a photo'
		]);
		expect(paths('answers', answer({ text: '答'.repeat(4001) }))).toEqual([
			'text: at most 4000 characters'
		]);
		expect(paths('answers', answer({ photos: Array(7).fill(HASH) }))).toEqual([
			'photos: at most 6 photos'
		]);
	});
});

describe('who may answer a question', () => {
	const agent = (ledGroupIds: string[], role: Answerer['role'] = 'agent'): Answerer => ({
		id: 'agent',
		role,
		ledGroupIds,
		scope: null
	});
	const expert = (crops: string[], counties: string[] = [], role: Answerer['role'] = 'expert') => ({
		id: 'expert',
		role,
		ledGroupIds: [],
		scope: { crops, counties }
	});
	const maize = { crop: '玉米', county: '五常市', groupId: null };

	it('is the agent of a group the asker is in now, only the question’s group when it names one', () => {
		expect(answerRight(agent(['g1']), 'farmer', ['g1', 'g2'], maize)).toBe('agent');
		expect(answerRight(agent(['g2']), 'farmer', ['g1', 'g2'], { ...maize, groupId: 'g1' })).toBe(
			null
		);
		expect(answerRight(agent(['g1']), 'farmer', ['g1', 'g2'], { ...maize, groupId: 'g1' })).toBe(
			'agent'
		);
		// the asker left the group: its agent no longer answers
		expect(answerRight(agent(['g1']), 'farmer', [], maize)).toBe(null);
		// an agent made a farmer again leads nothing
		expect(answerRight(agent(['g1'], 'farmer'), 'farmer', ['g1'], maize)).toBe(null);
		expect(answerRight(agent(['g1'], 'admin'), 'farmer', ['g1'], maize)).toBe('agent');
	});

	it('is an expert whose scope names the crop or the county, while the role is expert', () => {
		expect(answerRight(expert(['玉米']), 'farmer', [], maize)).toBe('expert');
		expect(answerRight(expert([' 玉 米 ']), 'farmer', [], maize)).toBe('expert');
		expect(answerRight(expert(['水稻']), 'farmer', [], maize)).toBe(null);
		expect(answerRight(expert([], ['五常市']), 'farmer', [], maize)).toBe('expert');
		expect(answerRight(expert([], ['五常市']), 'farmer', [], { ...maize, county: null })).toBe(
			null
		);
		// an expert whose role was taken away answers nothing, whatever scope is left
		expect(answerRight(expert(['玉米'], [], 'farmer'), 'farmer', [], maize)).toBe(null);
		// the scope reaches every group: the question's group does not narrow it
		expect(answerRight(expert(['玉米']), 'farmer', ['g1'], { ...maize, groupId: 'g1' })).toBe(
			'expert'
		);
	});

	it('is never the asker, nor anyone else', () => {
		expect(answerRight({ ...agent(['g1']), id: 'farmer' }, 'farmer', ['g1'], maize)).toBe(null);
		expect(
			answerRight(
				{ id: 'x', role: 'farmer', ledGroupIds: [], scope: null },
				'farmer',
				['g1'],
				maize
			)
		).toBe(null);
	});

	it('keeps a scope’s names clean and refuses one that names nothing', () => {
		expect(cleanScope({ crops: [' 玉米', '玉米', '大豆 '], counties: [''] })).toEqual({
			crops: ['玉米', '大豆'],
			counties: []
		});
		expect(cleanScope({ crops: [' '], counties: [] })).toBe(null);
	});

	it('orders a queue urgent first, then newest first', () => {
		const qs = [
			{ id: 'a', urgency: 'normal' as const, askedAt: 3 },
			{ id: 'b', urgency: 'urgent' as const, askedAt: 1 },
			{ id: 'c', urgency: 'normal' as const, askedAt: 5 },
			{ id: 'd', urgency: 'urgent' as const, askedAt: 2 }
		];
		expect(qs.sort(queueOrder).map((q) => q.id)).toEqual(['d', 'b', 'c', 'a']);
	});
});
