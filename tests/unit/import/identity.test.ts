import { describe, expect, it } from 'vitest';
import { identityColumnKind, identityKind, luhnValid, maskIdentity } from '$lib/core/import/identity';

describe('personal identity numbers', () => {
	it('checks the Luhn digit over YYMMDDNNNC', () => {
		// 1212121212: doubled digits 2,2,2,2,2 + 2,2,2,2,2 → 20
		expect(luhnValid('1212121212')).toBe(true);
		expect(luhnValid('1212121213')).toBe(false);
		// 8507099805: 16→7, 0, 0, 18→9, 0 = 16; 5+7+9+8+5 = 34; 50
		expect(luhnValid('8507099805')).toBe(true);
		// 7010632391 (day 63 = 3 + 60): 14→5, 2, 12→3, 4, 18→9 = 23; 0+0+3+3+1 = 7; 30
		expect(luhnValid('7010632391')).toBe(true);
	});

	it('recognises every written form', () => {
		for (const v of [
			'19121212-1212',
			'191212121212',
			'121212-1212',
			'1212121212',
			'121212+1212',
			' 121212 1212 '
		])
			expect(identityKind(v)).toBe('personnummer');
		expect(identityKind('701063-2391')).toBe('samordningsnummer');
		expect(identityKind('19701063-2391')).toBe('samordningsnummer');
	});

	it('does not take other numbers for identity numbers', () => {
		expect(identityKind('1212121213')).toBeNull(); // Luhn fails
		expect(identityKind('19850709-9806')).toBeNull(); // Luhn fails
		expect(identityKind('121312-1212')).toBeNull(); // month 13
		expect(identityKind('010230-1234')).toBeNull(); // 30 February
		expect(identityKind('231212121212')).toBeNull(); // century 23
		expect(identityKind('12121212')).toBeNull();
		expect(identityKind('P1212121212')).toBeNull();
	});

	it('masks every digit', () => {
		expect(maskIdentity('19121212-1212')).toBe('XXXXXXXX-XXXX');
	});
});

describe('identifying column names', () => {
	it('refuses names, addresses, contact details, identity numbers and birth dates', () => {
		expect(identityColumnKind('Förnamn')).toBe('name');
		expect(identityColumnKind('last_name')).toBe('name');
		expect(identityColumnKind('Elevens namn')).toBe('name');
		expect(identityColumnKind('elevnamn')).toBe('name');
		expect(identityColumnKind('Gatuadress')).toBe('address');
		expect(identityColumnKind('Postnummer')).toBe('address');
		expect(identityColumnKind('E-post')).toBe('contact');
		expect(identityColumnKind('Personnummer')).toBe('identity_number');
		expect(identityColumnKind('Födelsedatum')).toBe('birth_date');
	});

	it('lets ordinary columns through', () => {
		for (const h of [
			'person_id',
			'löpnummer',
			'projektnamn',
			'kohortnamn',
			'område',
			'födelseår',
			'namnlista_id'
		])
			expect(identityColumnKind(h)).toBeNull();
	});
});
