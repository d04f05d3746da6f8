import assert from 'node:assert/strict';
import { ExportLinks, type ExportGrant } from '../../src/reports/exportLinks.js';

const SECRET = Buffer.from('0123456789abcdef0123456789abcdef');
const GRANT: ExportGrant = { request: { period: { kind: 'days', days: 7 }, tag: 'vpn' }, start: Date.parse('2026-11-04T00:00:00Z'), utcOffset: 1 };
const ADELE = '00000000-0000-0000-0000-0000000000a1';
const ALEX = '00000000-0000-0000-0000-0000000000a2';

describe('export links', () => {
  let now = Date.parse('2026-11-10T12:00:00Z');
  const links = new ExportLinks(SECRET, 300_000, () => now);
  beforeEach(() => (now = Date.parse('2026-11-10T12:00:00Z')));

  it('gives back the grant of a link it signed, for anyone holding it and for the person it was made for', () => {
    const token = links.sign(GRANT, ADELE);
    assert.deepEqual(links.verify(token), GRANT);
    assert.deepEqual(links.verify(token, ADELE.toUpperCase()), GRANT);
  });

  it('refuses the link to another person, after it expires, and when made with another secret', () => {
    const token = links.sign(GRANT, ADELE);
    assert.equal(links.verify(token, ALEX), undefined);
    now += 300_000;
    assert.equal(links.verify(token), undefined, 'expired');
    now -= 300_000;
    assert.equal(new ExportLinks(Buffer.from('another secret, also 32 bytes long!'), 300_000, () => now).verify(token), undefined);
  });

  it('carries the asker\'s language under the signature, and tells it of an expired link but not of a forged one', () => {
    const token = links.sign({ ...GRANT, language: 'fr' }, ADELE);
    assert.deepEqual(links.verify(token), { ...GRANT, language: 'fr' });
    assert.deepEqual(links.verify(links.sign({ ...GRANT, language: 'en' }, ADELE)), GRANT, 'English is the default, not written');
    now += 300_000;
    assert.equal(links.verify(token), undefined, 'expired');
    assert.equal(links.languageOf(token), 'fr');
    const [body, signature] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    assert.equal(links.languageOf(`${Buffer.from(JSON.stringify({ ...payload, l: 'en' })).toString('base64url')}.${signature}`), undefined);
    assert.equal(links.languageOf('nonsense'), undefined);
  });

  it('refuses any change to the payload or the signature, and anything not shaped like a link', () => {
    const token = links.sign(GRANT, ADELE);
    const [body, signature] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const reSigned = (changes: object) => `${Buffer.from(JSON.stringify({ ...payload, ...changes })).toString('base64url')}.${signature}`;
    for (const forged of [
      reSigned({ x: (payload.x as number) + 3600 }), reSigned({ r: { period: { kind: 'month' } } }),
      `${body}.${signature.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`, `${body}.`, body, '', '.', `${body}.${signature}.x`,
      'a'.repeat(10_000), 42, null, { token },
    ]) assert.equal(links.verify(forged), undefined, String(forged).slice(0, 30));
  });

  it('holds no secret: not the signing key, nor the asker\'s id', () => {
    const token = links.sign(GRANT, ADELE);
    const decoded = Buffer.from(token.split('.')[0]!, 'base64url').toString();
    assert.ok(!decoded.includes(ADELE) && !token.includes(SECRET.toString()));
    assert.notEqual(links.sign(GRANT, ADELE), token, 'a random nonce: two links are never the same');
  });

  it('refuses a secret shorter than 32 bytes', () => {
    assert.throws(() => new ExportLinks(Buffer.from('short'), 1000), RangeError);
  });
});
