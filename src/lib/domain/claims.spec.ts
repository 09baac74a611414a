import { describe, expect, it } from 'vitest';
import { CLAIM_BASIS, checkClaims } from './claims';

const kinds = (text: string) => checkClaims(text).map((finding) => finding.kind);

describe('health claims (食品安全法 第七十一条、第七十三条; 广告法 第十七条)', () => {
	it('finds a disease-cure claim, even split by spaces or full-width marks', () => {
		expect(checkClaims('新米 降血糖 大米')).toEqual([{ kind: 'health', words: ['降血糖'] }]);
		expect(checkClaims('常吃抗 癌，还能降-血-压')).toEqual([
			{ kind: 'health', words: ['降-血-压', '抗 癌'] }
		]);
	});

	it('finds "prevent/cure … disease" phrases and keeps the longest words', () => {
		expect(checkClaims('杂粮礼盒，预防糖尿病')).toEqual([
			{ kind: 'health', words: ['预防糖尿病'] }
		]);
		expect(checkClaims('可以治疗胃病')).toEqual([{ kind: 'health', words: ['治疗胃病'] }]);
		expect(checkClaims('药用价值高，疗效好')).toEqual([
			{ kind: 'health', words: ['疗效', '药用'] }
		]);
	});

	it('leaves ordinary farm words alone: pest control, soil, taste', () => {
		expect(checkClaims('绿色防控，预防病虫害，香软可口')).toEqual([]);
		expect(checkClaims('科学防治稻瘟病，预防纹枯病')).toEqual([]);
		expect(checkClaims('施农家有机肥，土壤有机质高，当季新米')).toEqual([]);
	});
});

describe('certification words', () => {
	it('asks about 有机 and ORGANIC', () => {
		expect(checkClaims('有机 大米 5kg')).toEqual([{ kind: 'organic', words: ['有机'] }]);
		expect(kinds('Organic rice')).toEqual(['organic']);
	});

	it('asks about 绿色食品 unless a valid number was typed', () => {
		expect(checkClaims('绿色食品 小米')).toEqual([{ kind: 'green-food', words: ['绿色食品'] }]);
		expect(checkClaims('绿色食品 小米', { greenFoodCode: 'GF230101234567' })).toEqual([]);
	});

	it('warns that 无公害 is no longer certified nationally, and asks about 地理标志', () => {
		expect(kinds('无公害蔬菜')).toEqual(['pollution-free']);
		expect(kinds('国家地理标志产品 大米')).toEqual(['geo-indication']);
	});

	it('reports every kind once, health first, each with the rule it breaks', () => {
		const text = '有机 绿色食品 无公害 地理标志 抗癌 有机';
		expect(kinds(text)).toEqual([
			'health',
			'organic',
			'green-food',
			'pollution-free',
			'geo-indication'
		]);
		for (const kind of kinds(text)) expect(CLAIM_BASIS[kind]).toMatch(/《|GB|农办质/);
	});
});

describe('the listing lesson and the checker agree', () => {
	it('every health-claim word the lesson names is warned as not allowed', async () => {
		const { readFile } = await import('node:fs/promises');
		const lesson = await readFile('content/ecommerce/ecommerce-listing/zh-CN.md', 'utf8');
		// the section's first paragraph lists the words
		const paragraph = lesson.split('## 不写治病、防病的话')[1]!.trim().split('\n')[0]!;
		const named = [...paragraph.matchAll(/“([^”]+)”/g)].map((match) => match[1]!);
		expect(named).toEqual(['降血糖', '降血压', '抗癌', '防癌', '治疗', '药用']);
		for (const word of named) expect(kinds(`新米 ${word}`)).toEqual(['health']);
	});
});
