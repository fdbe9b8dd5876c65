import { primarySuppression, type SuppressionReason } from '../disclosure';
import { meanInterval, summarise, welch } from '../stats';
import { verdict, type Direction, type VerdictCode } from '../stats/verdict';

export interface SurveyScore {
	project_id: string | null;
	survey_id: string;
	question_id: string;
	wave: string;
	score: number;
}

export interface WaveFigure {
	wave: string;
	/** Respondents with an answer; null when hidden (fewer than k). */
	n: number | null;
	mean: number | null;
	low: number | null;
	high: number | null;
	suppressed: SuppressionReason | null;
}

export interface WaveComparison {
	followUp: WaveFigure;
	/** Follow-up minus baseline (Welch); null when either wave is hidden. */
	difference: number | null;
	low: number | null;
	high: number | null;
	p: number | null;
	verdict: VerdictCode | 'suppressed';
	chance: boolean;
}

export interface SurveyQuestionComparison {
	project_id: string | null;
	survey_id: string;
	question_id: string;
	baseline: WaveFigure;
	followUps: WaveComparison[];
}

export const BASELINE_WAVE = 'baseline';

/** Waves in order: baseline first, then follow_up_1, follow_up_2 … by their number, then the rest. */
export function waveOrder(a: string, b: string): number {
	const rank = (w: string) =>
		w === BASELINE_WAVE ? -1 : /^follow_up_(\d+)$/.test(w) ? Number(w.slice(10)) : Number.MAX_SAFE_INTEGER;
	return rank(a) - rank(b) || a.localeCompare(b);
}

/**
 * Each survey question's baseline wave against every follow-up wave of the same survey: means with t
 * intervals, the difference by Welch's t (respondents are anonymous, so waves are independent samples),
 * n of respondents, and a verdict against the baseline measurement. Waves under k respondents are hidden
 * and so is every difference that uses them. Questions without a baseline wave are left out.
 */
export function compareSurveyWaves(
	scores: readonly SurveyScore[],
	options: { k: number; level?: number; direction?: Direction }
): SurveyQuestionComparison[] {
	const level = options.level ?? 0.95;
	const groups = new Map<string, { head: SurveyScore; waves: Map<string, number[]> }>();
	for (const s of scores) {
		const key = [s.project_id ?? '', s.survey_id, s.question_id].join('\u0000');
		const g = groups.get(key) ?? { head: s, waves: new Map() };
		if (!g.waves.has(s.wave)) g.waves.set(s.wave, []);
		g.waves.get(s.wave)!.push(s.score);
		groups.set(key, g);
	}
	const fig = (wave: string, xs: readonly number[]): WaveFigure => {
		const suppressed = primarySuppression({ n: xs.length }, { k: options.k });
		if (suppressed) return { wave, n: null, mean: null, low: null, high: null, suppressed };
		const m = meanInterval(summarise(xs)!, level)!;
		return { wave, n: xs.length, mean: m.estimate, low: m.lower, high: m.upper, suppressed: null };
	};
	const out: SurveyQuestionComparison[] = [];
	for (const { head, waves } of groups.values()) {
		const base = waves.get(BASELINE_WAVE);
		if (!base) continue;
		const baseline = fig(BASELINE_WAVE, base);
		const followUps = [...waves.keys()]
			.filter((w) => w !== BASELINE_WAVE)
			.sort(waveOrder)
			.map((w): WaveComparison => {
				const xs = waves.get(w)!;
				const followUp = fig(w, xs);
				const n = [xs.length, base.length];
				if (Math.min(...n) < options.k)
					return {
						followUp,
						difference: null,
						low: null,
						high: null,
						p: null,
						verdict: 'too_few',
						chance: true
					};
				const r = welch(summarise(xs)!, summarise(base)!, level)!;
				const v = verdict({
					difference: { estimate: r.estimate, lower: r.lower, upper: r.upper, level },
					direction: options.direction ?? 'higher_better',
					n,
					minN: options.k,
					baseline: 'baseline_measurement'
				});
				return {
					followUp,
					difference: r.estimate,
					low: r.lower,
					high: r.upper,
					p: r.p,
					verdict: v.code,
					chance: v.chance
				};
			});
		out.push({
			project_id: head.project_id,
			survey_id: head.survey_id,
			question_id: head.question_id,
			baseline,
			followUps
		});
	}
	return out.sort(
		(a, b) =>
			(a.project_id ?? '').localeCompare(b.project_id ?? '') ||
			a.survey_id.localeCompare(b.survey_id) ||
			a.question_id.localeCompare(b.question_id)
	);
}
