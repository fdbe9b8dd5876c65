/**
 * The value shapes the importer accepts, as regular expressions shared by the sniffer (JS) and the
 * loader (DuckDB's RE2): only syntax both understand.
 *
 * Dates: ISO `2015-09-08` (also unpadded `2015-9-8`), ISO with a time that is ignored
 * (`2015-09-08 00:00:00`, `2015-09-08T13:45`), and compact `20150908`. Swedish Excel writes
 * dates as ISO; slash forms (`8/9/2015`) are refused because day and month cannot be told apart,
 * and bare numbers such as `42255` are Excel serial days from a column formatted as a number.
 */
export type DateForm = 'iso' | 'iso_datetime' | 'compact';

export const DATE_PATTERNS: Record<DateForm, string> = {
	iso: '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$',
	iso_datetime: '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?$',
	compact: '^[0-9]{8}$'
};

export const SLASH_DATE_PATTERN = '^[0-9]{1,4}/[0-9]{1,2}/[0-9]{1,4}$';
export const EXCEL_SERIAL_PATTERN = '^[0-9]{5}([.,][0-9]+)?$';

/** Spaces Excel uses to group thousands: space, no-break space, narrow no-break space. */
export const SPACES = ' \u00a0\u202f';

const re = (p: string): RegExp => new RegExp(p);

export const DECIMAL_COMMA_RE = re(`^[-+\u2212]?[0-9${SPACES}.]*[0-9],[0-9]+$`);
export const DECIMAL_DOT_RE = re(`^[-+\u2212]?[0-9${SPACES},]*[0-9][.][0-9]+$`);
export const SPACE_GROUPED_RE = re(`^[-+\u2212]?[0-9]{1,3}([${SPACES}][0-9]{3})+([.,][0-9]+)?$`);
export const DOT_GROUPED_RE = re('^[-+\u2212]?[0-9]{1,3}([.][0-9]{3})+(,[0-9]+)?$');
export const COMMA_GROUPED_RE = re('^[-+\u2212]?[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?$');
export const NUMBER_RE = re(`^[-+\u2212]?[0-9${SPACES}.,]*[0-9]$`);

export const dateFormOf = (value: string): DateForm | null => {
	for (const form of Object.keys(DATE_PATTERNS) as DateForm[])
		if (re(DATE_PATTERNS[form]).test(value)) return form;
	return null;
};

export const looksLikeDate = (v: string): boolean => dateFormOf(v) !== null || re(SLASH_DATE_PATTERN).test(v);
