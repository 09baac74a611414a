/**
 * When the plan's fertilizer goes on, by Heilongjiang's calendar: the basal dressing (底肥) at sowing (rice:
 * before transplanting), the topdressing (追肥) at the crop's stage for it, counted in days from sowing. The
 * default dates are the coming season's: today while the sowing window is still open, otherwise next year's.
 *
 * Sources (primary documents named; where only a reprint could be read here, it is said, and the ministry's
 * own publication is the one to check):
 * - Dry-land sowing starts at the end of mid-April; the 1st and 2nd accumulated-temperature zones finish
 *   about 10 May, the 3rd and 4th about 20 May; rice is transplanted by 25 May (Heilongjiang's spring sowing
 *   plan as reported by 看看新闻/Kankanews, e6862.cn/detail/1OwGAm9B0yE: a news report, second hand).
 * - Maize: topdress urea at the seven-leaf stage (七叶期追施尿素) in the 东北冷凉春玉米区, most of
 *   Heilongjiang: 农业部《2018年春季主要作物科学施肥指导意见》, issued by its 种植业管理司 (the ministry's
 *   page could not be reached here; the wording was read in a content-site reprint, not cited as a source).
 *   Spring maize takes 8–12 days to emerge and some 30–36 more to jointing at 5–6 leaves (a content site,
 *   3dmxku.com/daquan/zonghe/6990192.html, second hand), so seven leaves come about 45 days after sowing:
 *   our estimate, mid to late June.
 * - Rice (东北寒地单季稻区, all of Heilongjiang): sown in the nursery 15–25 April, transplanted 15–25 May at
 *   3 leaves and 1; about 30 % of the N as panicle fertilizer (穗肥) at jointing: 农业农村部《2024年水稻春季
 *   科学施肥指导意见》 (read in a reprint, as above), the share TOPDRESS_N_SHARE gives rice. Jointing about
 *   45 days after transplanting (early July) is our estimate.
 * - Spring wheat is sown as soon as the topsoil thaws, late March to early April (cnenc.net/b383850.html),
 *   topdressed at jointing (langfangzixun.com/afhgx/3913.html): content sites, second hand. Soybean and
 *   potato go in with the dry-land sowing. The sowing days below (maize 5 May, soybean 10 May, wheat 10
 *   April, potato 1 May) sit inside those windows, and the day counts to topdressing (wheat 30, soybean 50 to
 *   first flower, potato 40 to budding) are our estimates: the screen shows them as defaults to change.
 * Every date is a default the farmer changes to her own.
 */
import type { Crop } from './fertilizer';
import { dayStart, localDay } from './units';

export interface CropSeason {
	/** The usual sowing (rice: transplanting) day, `MM-DD`: the basal dressing's default. */
	sowing: string;
	/** The last day of the sowing window, `MM-DD`: past it, the plan is for next year. */
	sowingUntil: string;
	/** Days from sowing to the topdressing stage. */
	topdressAfterDays: number;
	/** The stage, for the words on the screen. */
	topdressStage: 'sevenLeaf' | 'jointing' | 'flowering' | 'budding';
}

export const HEILONGJIANG_SEASON: Record<Crop, CropSeason> = {
	maize: {
		sowing: '05-05',
		sowingUntil: '05-20',
		topdressAfterDays: 45,
		topdressStage: 'sevenLeaf'
	},
	soybean: {
		sowing: '05-10',
		sowingUntil: '05-25',
		topdressAfterDays: 50,
		topdressStage: 'flowering'
	},
	rice: { sowing: '05-15', sowingUntil: '05-25', topdressAfterDays: 45, topdressStage: 'jointing' },
	springWheat: {
		sowing: '04-10',
		sowingUntil: '04-30',
		topdressAfterDays: 30,
		topdressStage: 'jointing'
	},
	potato: { sowing: '05-01', sowingUntil: '05-20', topdressAfterDays: 40, topdressStage: 'budding' }
};

const DAY_MS = 86_400_000;

/** The default basal and topdressing days (`YYYY-MM-DD`, Heilongjiang) for a crop, seen from `now`. */
export function seasonDays(crop: Crop, now: number): { basal: string; topdress: string } {
	const season = HEILONGJIANG_SEASON[crop];
	const today = localDay(now);
	const year = Number(today.slice(0, 4));
	let basal: string;
	if (today <= `${year}-${season.sowing}`) basal = `${year}-${season.sowing}`;
	else if (today <= `${year}-${season.sowingUntil}`) basal = today;
	else basal = `${year + 1}-${season.sowing}`;
	// noon, so adding whole days never slips across a day boundary
	const topdress = localDay(dayStart(basal) + 12 * 3_600_000 + season.topdressAfterDays * DAY_MS);
	return { basal, topdress };
}
