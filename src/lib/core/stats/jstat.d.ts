// Only the parts of jstat 1.9 this folder uses.
declare module 'jstat' {
	interface Continuous {
		cdf(x: number, ...params: number[]): number;
		inv(p: number, ...params: number[]): number;
	}
	interface JStat {
		normal: Continuous;
		studentt: Continuous;
		gamma: Continuous;
		beta: Continuous;
		chisquare: Continuous;
		hypgeom: { pdf(k: number, N: number, m: number, n: number): number };
		gammaln(x: number): number;
	}
	const jStat: JStat;
	export default jStat;
}
