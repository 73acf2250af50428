import {
  dummyPasswordHash,
  hashPassword,
  normalizeUsername,
  passwordProblems,
  USERNAME_PATTERN,
  verifyPassword,
} from './password';

describe('password hashing (scrypt)', () => {
  it('writes a self-describing hash with N=2^15, r=8, p=1, a 16-byte salt and a 32-byte key', async () => {
    const encoded = await hashPassword('mật khẩu rất dài');
    const [scheme, N, r, p, salt, key] = encoded.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const encoded = await hashPassword('correct horse battery');
    await expect(verifyPassword('correct horse battery', encoded)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', encoded)).resolves.toBe(false);
    await expect(verifyPassword('', encoded)).resolves.toBe(false);
  });

  it('salts every hash, so one password hashes differently twice', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    await expect(verifyPassword('same password', b)).resolves.toBe(true);
  });

  it('compares NFC-normalised: a composed and a decomposed "ệ" are the same password', async () => {
    const composed = 'mật khẩu Việt'.normalize('NFC');
    const encoded = await hashPassword(composed);
    await expect(verifyPassword(composed.normalize('NFD'), encoded)).resolves.toBe(true);
  });

  it('verifies with the parameters stored in the hash (a cheaper or dearer past cost still works)', async () => {
    const cheap = await hashPassword('old password', { N: 1024, r: 8, p: 1, saltBytes: 16, keyBytes: 64 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    await expect(verifyPassword('old password', cheap)).resolves.toBe(true);
  });

  it('answers false, never throws, for a malformed or foreign hash', async () => {
    for (const bad of [
      '',
      'bcrypt$2b$10$abc',
      'scrypt$x$8$1$AAAA$BBBB',
      'scrypt$1024$8$1$AAAA$AA',
      'scrypt$1048576000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ])
      await expect(verifyPassword('whatever password', bad)).resolves.toBe(false);
  });

  it('has a dummy hash for unknown usernames that no password matches', async () => {
    const dummy = await dummyPasswordHash();
    expect(dummy).toBe(await dummyPasswordHash());
    await expect(verifyPassword('', dummy)).resolves.toBe(false);
  });
});

describe('password policy', () => {
  it('accepts 10 characters or more that are not the username', () => {
    expect(passwordProblems('0123456789', 'btg')).toEqual([]);
    expect(passwordProblems('mười ký tự!', 'btg')).toEqual([]);
  });

  it('refuses fewer than 10 characters, counting characters not bytes', () => {
    expect(passwordProblems('012345678', 'btg')).toEqual(['must be at least 10 characters long']);
    expect(passwordProblems('đđđđđđđđđ', 'btg')).toEqual(['must be at least 10 characters long']);
  });

  it('refuses the username, however it is cased', () => {
    expect(passwordProblems('Officer.Tien-Du', 'officer.tien-du')).toEqual(['must not be the username']);
  });

  it('refuses overlong input', () => {
    expect(passwordProblems('x'.repeat(257), 'btg')).toEqual(['must be at most 256 characters long']);
  });
});

describe('usernames', () => {
  it('are trimmed, NFC-normalised and lower-cased', () => {
    expect(normalizeUsername('  VĂN-PHÒNG ')).toBe('văn-phòng');
    expect(normalizeUsername('Ho\u0300a'.normalize('NFD'))).toBe('hòa'.normalize('NFC'));
  });

  it('are 3–64 letters, digits, ".", "_", "@" or "-"', () => {
    expect(USERNAME_PATTERN.test('btg')).toBe(true);
    expect(USERNAME_PATTERN.test('văn-phòng.tiên-du')).toBe(true);
    expect(USERNAME_PATTERN.test('ab')).toBe(false);
    expect(USERNAME_PATTERN.test('has space')).toBe(false);
  });
});
