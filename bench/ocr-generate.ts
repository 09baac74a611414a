/**
 * `npx tsx bench/ocr-generate.ts [count] [folder]`: makes label photos the scanner has never seen, to check
 * that what was tuned on ../shared/fixtures/labels holds on other labels. Each label gets new values (maker,
 * product, numbers, dates in every printed form), a font (Noto Sans / Serif / Mono CJK SC), a layout, and
 * photo faults (rotation, perspective, blur, noise, uneven light, JPEG compression), drawn by Debian's
 * Chromium; NAME.jpg and NAME.json (the fixtures' keys) go to the folder (default
 * .test-output/ocr-generated). Seeded: the same count gives the same photos.
 * Then: `OCR_BENCH_DIR=.test-output/ocr-generated npm run bench:ocr`.
 * Harder photos: OCR_GEN_TILT (largest turn, degrees; default 3), OCR_GEN_ANGLE (largest tilt towards or away
 * from the camera, degrees; default 4), OCR_GEN_SHADOW (darkest shadow, 0–1; default 0.25). The stage grows
 * with the turn so the label's corners stay in the picture.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/browser/chromium';

const count = Number(process.argv[2] ?? 20);
const folder = process.argv[3] ?? join(import.meta.dirname, '..', '.test-output', 'ocr-generated');
mkdirSync(folder, { recursive: true });

let seed = 20260 + count;
function random(): number {
	// mulberry32
	seed = (seed + 0x6d2b79f5) | 0;
	let t = seed;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const CITIES = [
	'哈尔滨',
	'齐齐哈尔',
	'牡丹江',
	'佳木斯',
	'大庆',
	'鸡西',
	'双鸭山',
	'伊春',
	'鹤岗',
	'绥化',
	'黑河'
];
const WORDS = [
	'丰收',
	'沃土',
	'绿源',
	'金禾',
	'北方',
	'龙江',
	'宏达',
	'兴农',
	'益农',
	'垦丰',
	'富民',
	'田园'
];
const KINDS_FERT = ['肥业', '化肥', '农资', '化工', '生物科技'];
const KINDS_PEST = ['农药', '化工', '植保', '生物科技', '农化'];
const SUFFIXES = ['有限公司', '有限责任公司', '厂'];

function maker(kinds: string[]): string {
	const suffix = pick(SUFFIXES);
	return `${pick(CITIES)}${pick(WORDS)}${pick(kinds)}${suffix}`;
}

function date(): { iso: string; printed: string } {
	const y = int(2023, 2025);
	const m = int(1, 12);
	const d = int(1, 28);
	const iso = `${y}-${pad(m)}-${pad(d)}`;
	const printed = pick([
		`${y}年${pad(m)}月${pad(d)}日`,
		iso,
		`${y}.${pad(m)}.${pad(d)}`,
		`${y}/${pad(m)}/${pad(d)}`
	]);
	return { iso, printed };
}

const GRADES: [number, number, number][] = [
	[15, 15, 15],
	[16, 16, 16],
	[28, 10, 10],
	[24, 16, 5],
	[17, 17, 17],
	[20, 10, 15],
	[13, 5, 7],
	[30, 5, 5],
	[18, 18, 9],
	[12, 18, 15]
];
const FERT_NAMES = [
	'复合肥料',
	'掺混肥料',
	'复混肥料',
	'玉米专用复合肥料',
	'水稻专用掺混肥料',
	'大豆专用复合肥料'
];
const CHLORINE = [
	{ value: 'none', printed: '无氯' },
	{ value: 'low', printed: '含氯(低氯)' },
	{ value: 'medium', printed: '含氯(中氯)' },
	{ value: null, printed: null }
] as const;

interface Label {
	expected: Record<string, string | number | null>;
	title: string;
	subtitle: string;
	rows: [string, string][];
	footer: string[];
}

function fertilizer(): Label {
	const grade = pick(GRADES);
	const total = grade[0] + grade[1] + grade[2];
	const npk = grade.join('-');
	const name = pick(FERT_NAMES);
	const chlorine = pick(CHLORINE);
	const registered = random() < 0.7;
	const reg = `${pick(['黑', '吉', ''])}农肥(${int(2018, 2024)})${pick(['准', '临'])}字${pad(int(1, 9999), 4)}号`;
	const licence = `XK13-001-${pad(int(1, 99999), 5)}`;
	const net = `${pick([25, 40, 50])}kg`;
	const made = maker(KINDS_FERT);
	const d = date();
	const batch = pick([
		`${d.iso.replace(/-/g, '')}`,
		`${pick(['A', 'B', 'K'])}${d.iso.slice(2).replace(/-/g, '')}`,
		`${d.iso.slice(2).replace(/-/g, '')}-${pad(int(1, 9))}`
	]);
	const rows: [string, string][] = [
		['产品名称', name],
		['养分含量', random() < 0.5 ? `N-P2O5-K2O ${npk}` : `总养分≥${total}% (${npk})`],
		['执行标准', 'GB/T 15063-2020']
	];
	if (chlorine.printed) rows.push(['氯离子', chlorine.printed]);
	if (registered) rows.push(['肥料登记证号', reg]);
	rows.push(
		['生产许可证号', licence],
		['净含量', net],
		['生产日期', d.printed],
		['批号', batch],
		['生产企业', made],
		['地址', `黑龙江省${pick(CITIES)}市工业园区${int(1, 99)}号`]
	);
	return {
		expected: {
			kind: 'fertilizer',
			productName: name,
			npk,
			totalNutrientPct: total,
			chlorine: chlorine.value,
			fertilizerRegNo: registered ? reg : null,
			licenceNo: licence,
			netContent: net,
			manufacturer: made,
			productionDate: d.iso,
			batch
		},
		title: npk,
		subtitle: `总养分≥${total}%`,
		rows,
		footer: ['注意事项：本品应贮存于阴凉干燥处，防潮防晒。请按说明施用。']
	};
}

const PESTICIDES = [
	{ ingredient: '莠去津', content: '38%', formulation: '悬浮剂', use: '除草剂' },
	{ ingredient: '硝磺草酮', content: '15%', formulation: '悬浮剂', use: '除草剂' },
	{ ingredient: '草铵膦', content: '200克/升', formulation: '水剂', use: '除草剂' },
	{ ingredient: '乙草胺', content: '900克/升', formulation: '乳油', use: '除草剂' },
	{ ingredient: '氟磺胺草醚', content: '250克/升', formulation: '水剂', use: '除草剂' },
	{ ingredient: '五氟磺草胺', content: '25克/升', formulation: '可分散油悬浮剂', use: '除草剂' },
	{ ingredient: '高效氯氟氰菊酯', content: '2.5%', formulation: '微乳剂', use: '杀虫剂' },
	{ ingredient: '吡虫啉', content: '70%', formulation: '水分散粒剂', use: '杀虫剂' },
	{ ingredient: '吡蚜酮', content: '50%', formulation: '水分散粒剂', use: '杀虫剂' },
	{ ingredient: '戊唑醇', content: '430克/升', formulation: '悬浮剂', use: '杀菌剂' },
	{ ingredient: '苯醚甲环唑', content: '10%', formulation: '水分散粒剂', use: '杀菌剂' },
	{ ingredient: '三环唑', content: '75%', formulation: '可湿性粉剂', use: '杀菌剂' },
	{ ingredient: '吡唑醚菌酯', content: '25%', formulation: '悬浮剂', use: '杀菌剂' },
	{ ingredient: '春雷霉素', content: '2%', formulation: '水剂', use: '杀菌剂' }
];

function pesticide(): Label {
	const p = pick(PESTICIDES);
	const name = `${p.content}${p.ingredient}${p.formulation}`;
	const reg = `PD20${pad(int(8, 24))}${pad(int(1, 9999), 4)}`;
	const toxicity = pick(['低毒', '低毒', '微毒', '中等毒']);
	const phi = random() < 0.7 ? pick([7, 14, 21, 28, 30, 45]) : null;
	const times = pick([1, 2, 3]);
	const net = pick(['100毫升', '200毫升', '500毫升', '1000毫升', '100克', '250克']);
	const made = maker(KINDS_PEST);
	const d = date();
	const batch = pick([
		d.iso.replace(/-/g, ''),
		`${pick(['JX', 'LY', 'T'])}${d.iso.slice(5).replace(/-/g, '')}`
	]);
	const crop = pick(['玉米', '水稻', '大豆']);
	const rows: [string, string][] = [
		['农药登记证号', reg],
		['农药生产许可证号', `农药生许(黑)${pad(int(1, 99), 4)}`],
		['产品标准号', `GB/T ${int(20000, 29999)}-${int(2011, 2020)}`],
		['有效成分及含量', `${p.ingredient} ${p.content}`],
		['剂型', p.formulation],
		['毒性', toxicity],
		['净含量', net],
		['生产日期', d.printed],
		['批号', batch]
	];
	// pesticide labels print their rows in many orders
	for (let i = rows.length - 1; i > 0; i--) {
		const j = int(0, i);
		[rows[i], rows[j]] = [rows[j]!, rows[i]!];
	}
	const footer = [`适用作物及防治对象：${crop}\u3000用药量：${int(10, 60)}-${int(61, 120)}毫升/亩`];
	footer.push(
		phi
			? `在${crop}上使用的安全间隔期为${phi}天，每季最多使用${times}次。`
			: `每季最多使用${times}次。`
	);
	footer.push(`${made}\u3000电话：0451-${int(80000000, 89999999)}`);
	return {
		expected: {
			kind: 'pesticide',
			productName: name,
			pesticideRegNo: reg,
			activeIngredient: p.ingredient,
			content: p.content,
			formulation: p.formulation,
			toxicity,
			phiDays: phi,
			maxApplications: times,
			netContent: net,
			manufacturer: made,
			productionDate: d.iso,
			batch
		},
		title: name,
		subtitle: `${p.use} [${toxicity}]`,
		rows,
		footer
	};
}

const TILT = Number(process.env.OCR_GEN_TILT ?? 3);
const ANGLE = Number(process.env.OCR_GEN_ANGLE ?? 4);
const SHADOW = Number(process.env.OCR_GEN_SHADOW ?? 0.25);
/** Room around the label: enough for a turned label's corners. */
const MARGIN = (width: number) =>
	160 + Math.round(width * Math.sin((Math.min(TILT, 45) * Math.PI) / 180));

function html(label: Label, font: string, width: number): string {
	const separator = pick(['：', ': ', '：']);
	return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: ${pick(['#6b6b6b', '#8a7f70', '#4f5a52'])}; }
#stage { width: ${width + MARGIN(width)}px; height: ${Math.round(width * 1.05) + MARGIN(width)}px; display: flex; align-items: center;
  justify-content: center; overflow: hidden; position: relative; }
#label { width: ${width}px; background: ${pick(['#fbf8ef', '#ffffff', '#f3efe2', '#eef3ea'])}; padding: 26px 30px;
  font-family: '${font}'; color: #1a1a1a; box-sizing: border-box;
  transform: perspective(1400px) rotate(${(random() * 2 * TILT - TILT).toFixed(2)}deg) rotateX(${(random() * 2 * ANGLE - ANGLE).toFixed(1)}deg) rotateY(${(random() * 2 * ANGLE - ANGLE).toFixed(1)}deg);
  filter: blur(${(random() * 1.3).toFixed(2)}px) contrast(${(0.8 + random() * 0.3).toFixed(2)}); }
h1 { font-size: ${int(30, 40)}px; margin: 0 0 4px; text-align: center; }
h2 { font-size: ${int(19, 24)}px; margin: 0 0 14px; text-align: center; font-weight: normal; }
.row { font-size: ${int(17, 20)}px; line-height: 1.55; }
.foot { font-size: ${int(14, 16)}px; line-height: 1.5; margin-top: 8px; }
#noise { position: absolute; inset: 0; opacity: ${(0.08 + random() * 0.2).toFixed(2)}; mix-blend-mode: multiply; }
#light { position: absolute; inset: 0; background: radial-gradient(circle at ${int(10, 90)}% ${int(10, 90)}%, rgba(255,255,255,0), rgba(0,0,0,${(random() * SHADOW).toFixed(2)})); }
</style></head><body><div id="stage"><div id="label">
<h1>${label.title}</h1><h2>${label.subtitle}</h2>
${label.rows.map(([k, v]) => `<div class="row">${k}${separator}${v}</div>`).join('\n')}
${label.footer.map((f) => `<div class="foot">${f}</div>`).join('\n')}
</div><canvas id="noise"></canvas><div id="light"></div></div>
<script>
const c = document.getElementById('noise'); const s = document.getElementById('stage');
c.width = s.clientWidth; c.height = s.clientHeight; const x = c.getContext('2d');
const img = x.createImageData(c.width, c.height);
let r = ${int(1, 1e9)};
for (let i = 0; i < img.data.length; i += 4) { r = (r * 1103515245 + 12345) & 0x7fffffff; const v = r % 256;
  img.data[i] = img.data[i + 1] = img.data[i + 2] = v; img.data[i + 3] = 255; }
x.putImageData(img, 0, 0);
</script></body></html>`;
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
	const page = await browser.newPage();
	for (let i = 1; i <= count; i++) {
		const label = i % 2 ? fertilizer() : pesticide();
		const font = pick(['Noto Sans CJK SC', 'Noto Serif CJK SC', 'Noto Sans Mono CJK SC']);
		const width = int(560, 760);
		await page.setViewportSize({
			width: width + MARGIN(width),
			height: Math.round(width * 1.05) + MARGIN(width)
		});
		await page.setContent(html(label, font, width));
		const name = `gen-${label.expected.kind === 'fertilizer' ? 'fert' : 'pest'}-${pad(i, 3)}`;
		const shot = await page.locator('#stage').screenshot({ type: 'jpeg', quality: int(55, 85) });
		writeFileSync(join(folder, `${name}.jpg`), shot);
		writeFileSync(join(folder, `${name}.json`), `${JSON.stringify(label.expected, null, 1)}\n`);
	}
} finally {
	await browser.close();
}
console.log(`${count} label photos in ${folder}`);
