import assert from 'node:assert/strict';
import JSZip from 'jszip';
import sinon from 'sinon';
import { parseCommand } from '../../src/features/parseCommand.js';
import {
  buildAppPackage, localizationErrors, localizationFiles, renderLocalization, renderManifest, type Env, type LocalizedStrings,
} from '../../scripts/package.js';

const ENV: Env = { MicrosoftAppId: '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', BOT_DOMAIN: 'tickets-bot.example.com' };

describe('Teams app manifest in French (localizationInfo)', () => {
  const manifest = renderManifest(ENV, { warn: () => {} });
  const french = () => renderLocalization('fr.json', ENV);

  it('names fr.json for every French Teams (languageTag "fr"), English being the default', () => {
    assert.equal(manifest.localizationInfo?.defaultLanguageTag, 'en');
    assert.deepEqual(manifest.localizationInfo?.additionalLanguages, [{ languageTag: 'fr', file: 'fr.json' }]);
    assert.deepEqual(localizationFiles(manifest), ['fr.json']);
  });

  it('fr.json validates against the bundled localization schema with zero errors, offline, and translates every command', async () => {
    const fetch = sinon.stub(globalThis, 'fetch').rejects(new Error('no network in this test'));
    try {
      assert.deepEqual(await localizationErrors(manifest, french(), 'fr.json'), []);
      assert.equal(fetch.callCount, 0, 'the schema is read from node_modules, never fetched');
    } finally {
      fetch.restore();
    }
  });

  it('fills the name placeholders as the manifest does', () => {
    const strings = french();
    assert.equal(strings['name.short'], manifest.name.short);
    assert.equal(strings['name.full'], manifest.name.full);
  });

  it('each French bot command is the English command at its place, and its example parses', () => {
    const strings = french();
    manifest.bots?.[0]?.commandLists?.forEach((list, l) => list.commands.forEach((command, c) => {
      const title = strings[`bots[0].commandLists[${l}].commands[${c}].title`]!;
      assert.equal(parseCommand(title).name, parseCommand(command.title).name, `${title} is ${command.title}`);
      const example = strings[`bots[0].commandLists[${l}].commands[${c}].description`]!;
      if (example.startsWith(`${title} `) && !example.includes('<')) assert.notEqual(parseCommand(example).name, 'notUnderstood', example);
    }));
  });

  it('reports a key that names no text, a command left untranslated, and a title over the schema\'s limit', async () => {
    const broken: LocalizedStrings = { ...french(), 'bots[0].commandLists[0].commands[11].title': 'fantôme' };
    delete broken['composeExtensions[0].commands[1].title'];
    broken['composeExtensions[0].commands[0].title'] = 'Créer un ticket pour quelqu\'un d\'autre';
    const errors = (await localizationErrors(manifest, broken, 'fr.json')).join('\n');
    assert.match(errors, /"bots\[0\]\.commandLists\[0\]\.commands\[11\]\.title" is no text of the manifest/);
    assert.match(errors, /"composeExtensions\[0\]\.commands\[1\]\.title" is not translated/);
    assert.match(errors, /must NOT have more than 32 characters/);
  });

  it('the package carries fr.json as rendered', async () => {
    const zip = await JSZip.loadAsync(await buildAppPackage(ENV, { warn: () => {} }));
    assert.deepEqual(JSON.parse(await zip.file('fr.json')!.async('string')), french());
  });
});
