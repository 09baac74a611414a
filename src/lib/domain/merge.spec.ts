import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hlcToString } from './hlc';
import { applyOp, applyOps, type AnyRecord, type RecordOp } from './merge';

const stamp = (wall: number, node = 'a', counter = 0) => hlcToString({ wall, counter, node });

describe('applyOp', () => {
	it('takes each field from the latest change to that field', () => {
		const create: RecordOp = {
			recordId: 'f1',
			patch: { name: '东大地', areaM2: 100, deleted: false },
			hlc: stamp(1)
		};
		const rename: RecordOp = { recordId: 'f1', patch: { name: '河边地' }, hlc: stamp(3, 'b') };
		const resize: RecordOp = {
			recordId: 'f1',
			patch: { areaM2: 200, name: '旧名' },
			hlc: stamp(2)
		};
		const merged = applyOps<AnyRecord>(undefined, [create, rename, resize]);
		expect(merged).toMatchObject({ id: 'f1', name: '河边地', areaM2: 200, hlc: stamp(3, 'b') });
		expect(merged?.clocks).toEqual({ name: stamp(3, 'b'), areaM2: stamp(2), deleted: stamp(1) });
	});

	it('ignores bookkeeping fields in a patch', () => {
		const merged = applyOp<AnyRecord>(undefined, {
			recordId: 'f1',
			patch: { id: 'other', ownerId: 'mallory', clocks: {}, name: 'x' },
			hlc: stamp(1)
		});
		expect(merged.id).toBe('f1');
		expect(merged.ownerId).toBeUndefined();
		expect(merged.name).toBe('x');
	});

	it('does not change the record it was given', () => {
		const before = applyOp<AnyRecord>(undefined, { recordId: 'r', patch: { a: 1 }, hlc: stamp(1) });
		const copy = structuredClone(before);
		applyOp(before, { recordId: 'r', patch: { a: 2 }, hlc: stamp(2) });
		expect(before).toEqual(copy);
	});
});

// Random ops on a few records and fields, each op with its own unique stamp, as real replicas make them.
const opsArbitrary = fc
	.array(
		fc.record({
			recordId: fc.constantFrom('r1', 'r2', 'r3'),
			fields: fc.dictionary(
				fc.constantFrom('name', 'area', 'notes', 'deleted'),
				fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
				{ minKeys: 1 }
			),
			wall: fc.integer({ min: 0, max: 50 }),
			node: fc.constantFrom('a', 'b', 'c')
		}),
		{ maxLength: 40 }
	)
	.map((raw) =>
		raw.map((op, i): RecordOp => ({
			recordId: op.recordId,
			patch: op.fields,
			// the counter makes every stamp unique, as a replica's clock does
			hlc: stamp(op.wall, op.node, i)
		}))
	);

function replicate(ops: RecordOp[]): Record<string, AnyRecord> {
	const state: Record<string, AnyRecord> = {};
	for (const op of ops) state[op.recordId] = applyOp(state[op.recordId], op);
	return state;
}

describe('convergence', () => {
	it('any number of replicas applying the same ops in any order, with duplicates, agree', () => {
		fc.assert(
			fc.property(
				opsArbitrary,
				fc.array(fc.nat(), { minLength: 2, maxLength: 5 }),
				fc.array(fc.nat(), { maxLength: 20 }),
				(ops, seeds, duplicateIndexes) => {
					const withDuplicates = [
						...ops,
						...duplicateIndexes.flatMap((i) => (ops.length ? [ops[i % ops.length]!] : []))
					];
					const replicas = seeds.map((seed) => replicate(shuffle(withDuplicates, seed)));
					const reference = replicate(ops);
					for (const replica of replicas) expect(replica).toEqual(reference);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('a replica that saw ops in two batches agrees with one that saw them at once', () => {
		fc.assert(
			fc.property(opsArbitrary, fc.nat(), (ops, cut) => {
				const at = ops.length ? cut % ops.length : 0;
				const first = replicate(ops.slice(0, at));
				const later = { ...first };
				for (const op of ops.slice(at).reverse())
					later[op.recordId] = applyOp(later[op.recordId], op);
				expect(later).toEqual(replicate(ops));
			}),
			{ numRuns: 300 }
		);
	});
});

/** A deterministic shuffle (mulberry32), so a failing case can be replayed. */
function shuffle<T>(items: T[], seed: number): T[] {
	let s = seed >>> 0;
	const random = () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}
