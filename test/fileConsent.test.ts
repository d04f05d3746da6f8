import assert from 'node:assert/strict';
import { BadInvokeError } from '../src/features/messageExtension.js';
import { parseFileConsent } from '../src/fileConsent.js';

/** What Teams sends back when a person accepts a consent card (fileConsent/invoke's value). */
const uploadInfo = {
  name: 'report.csv', uploadUrl: 'https://contoso-my.sharepoint.com/personal/adele/_api/v2.0/drive/items/root:/report.csv:/uploadSession?guid=1',
  contentUrl: 'https://contoso-my.sharepoint.com/personal/adele/Documents/report.csv', uniqueId: 'u-1', fileType: 'csv', etag: '"{1}"',
};

describe('file consent answers', () => {
  it('reads an accept with where to upload, and a decline, each with its token', () => {
    const { etag: _etag, ...upload } = uploadInfo;
    assert.deepEqual(parseFileConsent({ type: 'fileUpload', action: 'accept', context: { token: 't1' }, uploadInfo }), { action: 'accept', token: 't1', upload });
    assert.deepEqual(parseFileConsent({ type: 'fileUpload', action: 'decline', context: { token: 't1' } }), { action: 'decline', token: 't1' });
    const local = parseFileConsent({ action: 'accept', context: { token: 't1' }, uploadInfo: { ...uploadInfo, uploadUrl: 'http://127.0.0.1:9/upload' } });
    assert.equal(local.action === 'accept' && local.upload.uploadUrl, 'http://127.0.0.1:9/upload', 'plain http to this machine (tests, local mode)');
  });

  it('refuses anything else with one sentence', () => {
    const accept = (info: Record<string, unknown>) => ({ action: 'accept', context: { token: 't1' }, uploadInfo: { ...uploadInfo, ...info } });
    const refused: unknown[] = [
      undefined, null, 'accept', [], {},
      { action: 'decline' }, { action: 'decline', context: { token: '' } }, { action: 'decline', context: { token: 7 } },
      { action: 'maybe', context: { token: 't1' } }, { action: 'accept', context: { token: 't1' } },
      accept({ uploadUrl: 'http://203.0.113.9/steal' }), accept({ uploadUrl: 'not a url' }), accept({ uploadUrl: 'file:///etc/passwd' }),
      accept({ name: '' }), accept({ name: 'x'.repeat(256) }), accept({ fileType: 42 }), accept({ contentUrl: undefined }),
    ];
    for (const value of refused) {
      assert.throws(() => parseFileConsent(value), (err: unknown) => err instanceof BadInvokeError && err.message === 'This file answer is not one I can read.', JSON.stringify(value));
    }
  });
});
