import { checkUscc, normalizeUscc, usccCheckChar } from '../../../src/domain/dedup';

// Vectors from /work/shared/dedup-notes.md §1.
const VALID = [
  '91110000600037341L', '91310000631696382C', '91340600MA2PBM9HXD', '121200004013590816', '9144030071526726XG',
  '914403001922038216', '91440300708461136T', '91330100799655058B', '91110108551385082Q',
];
const CHECKSUM_BAD = [
  '91110000600037341N', '914403001922038217', '91310115MA1H8R7C6D', '91110108717809965C', '91110000800088421P',
  '9133010057462616XH',
];
const REAL_BUT_FAILING = ['91350211M0000XUF46', '91350100M0001TGQXM', '91350628M0000K0H44'];

describe('checkUscc', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(checkUscc(code)).toMatchObject({ normalized: code, format: 'ok', checksum: 'ok', orgCode: 'ok' });
  });

  it.each(CHECKSUM_BAD)('flags the check character of %s (confirmable, not malformed)', (code) => {
    expect(checkUscc(code)).toMatchObject({ format: 'ok', checksum: 'bad' });
  });

  it.each(REAL_BUT_FAILING)('flags %s, a real code failing C18 but passing the inner check', (code) => {
    expect(checkUscc(code)).toMatchObject({ format: 'ok', checksum: 'bad', orgCode: 'ok' });
  });

  it('rejects forbidden letters and wrong lengths as malformed', () => {
    expect(checkUscc('9111000060003IOZSV').format).toBe('bad');
    expect(checkUscc('91110000600037341').format).toBe('bad');
    expect(checkUscc('').format).toBe('bad');
    expect(checkUscc('911100006000373Z1L').format).toBe('bad');
  });

  it('normalises case, spaces, dashes and full-width', () => {
    expect(normalizeUscc('91 110000 600037341l')).toBe('91110000600037341L');
    expect(checkUscc('91-110000-600037341l')).toMatchObject({ format: 'ok', checksum: 'ok' });
    expect(checkUscc('９１１１００００６０００３７３４１Ｌ').checksum).toBe('ok');
  });

  it('maps 31 to 0 and 30 to Y', () => {
    expect(usccCheckChar('12120000401359081')).toBe('6');
    // A body whose weighted sum is ≡ 0 (mod 31) must give 0, not crash on index 31.
    expect(usccCheckChar('00000000000000000')).toBe('0');
    expect(usccCheckChar('91340600MA2PBM9HX')).toBe('D');
    const y = Array.from({ length: 31 }, (_, v) => `1000000000000000${'0123456789ABCDEFGHJKLMNPQRTUWXY'[v]}`).find((b) => usccCheckChar(b) === 'Y');
    expect(y).toBeDefined();
  });

  it('knows the kinds of registering department', () => {
    expect(checkUscc('91110000600037341L').knownKind).toBe(true);
  });
});
