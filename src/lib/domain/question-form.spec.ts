import { describe, expect, it } from 'vitest';
import type { GroupInfo } from './groups';
import {
	questionPlace,
	questionProblems,
	questionValues,
	type QuestionForm
} from './question-form';

const ASKED = Date.UTC(2026, 6, 1);
const form = (over: Partial<QuestionForm> = {}): QuestionForm => ({
	crop: '玉米',
	fieldId: '',
	text: '叶子发黄',
	photos: [],
	urgency: 'normal',
	groupId: '',
	...over
});
const group = (id: string, locations: boolean): GroupInfo => ({
	id,
	name: id,
	role: 'member',
	agentName: '',
	memberCount: 2,
	sharing: { learning: false, observations: true, locations },
	assignments: []
});
const field = {
	boundary: {
		type: 'Polygon' as const,
		coordinates: [
			[
				[126.631, 45.751],
				[126.633, 45.751],
				[126.633, 45.753],
				[126.631, 45.753],
				[126.631, 45.751]
			]
		]
	}
};

describe('questionProblems', () => {
	it('takes a question in words, or one with only a photo', () => {
		expect(questionProblems(questionValues(form(), null, ASKED))).toEqual({});
		const photo = 'a'.repeat(64);
		expect(
			questionProblems(questionValues(form({ text: ' ', photos: [photo] }), null, ASKED))
		).toEqual({});
	});

	it('names the box: no words and no photo, no crop, too many photos', () => {
		expect(questionProblems(questionValues(form({ text: '  ', crop: '' }), null, ASKED))).toEqual({
			text: 'empty',
			crop: 'crop-empty'
		});
		const photos = Array.from({ length: 7 }, (_, i) => String(i).repeat(64));
		expect(questionProblems(questionValues(form({ photos }), null, ASKED))).toEqual({
			photos: 'photos-many'
		});
		expect(
			questionProblems(questionValues(form({ text: '斑'.repeat(2001) }), null, ASKED))
		).toEqual({ text: 'text-long' });
	});
});

describe('questionPlace', () => {
	it('goes, rounded to 0.01°, only when every group it reaches may see places', () => {
		const groups = [group('g1', true), group('g2', false)];
		expect(questionPlace(field, groups, 'g1')).toEqual({ lat: 45.75, lng: 126.63 });
		expect(questionPlace(field, groups, 'g2')).toBeNull();
		expect(questionPlace(field, groups, '')).toBeNull();
		expect(questionPlace(field, [group('g1', true)], '')).toEqual({ lat: 45.75, lng: 126.63 });
	});

	it('is none with no group or a field known only by its area', () => {
		expect(questionPlace(field, [], '')).toBeNull();
		expect(questionPlace({ boundary: null }, [group('g1', true)], 'g1')).toBeNull();
		expect(questionPlace(null, [group('g1', true)], 'g1')).toBeNull();
	});
});
