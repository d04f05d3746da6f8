import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sinon from 'sinon';
import { loadConfig } from '../../src/config.js';
import { ME_COMMANDS } from '../../src/features/messageExtension.js';
import { COMMAND_EXAMPLES, parseCommand } from '../../src/features/parseCommand.js';
import { PROJECT_ROOT } from '../../src/projectRoot.js';
import {
  bundledSchemaPath,
  DEFAULTS,
  fillTemplate,
  MAX_BOT_COMMANDS,
  PackageError,
  PLACEHOLDER_ID,
  readTemplate,
  renderManifest,
  ruleErrors,
  schemaErrors,
  validateManifest,
  type Env,
  type TeamsAppManifest,
} from '../../scripts/package.js';

const BOT_ID = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const APP_ID = 'a1b2c3d4-e5f6-4a1b-9c2d-3e4f5a6b7c8d';
const ENV: Env = { MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'tickets-bot.example.com' };

function render(env: Env = ENV): TeamsAppManifest {
  return renderManifest(env, { warn: () => {} });
}

/** A deep copy to break on purpose. */
function copy(manifest: TeamsAppManifest): TeamsAppManifest {
  return structuredClone(manifest);
}

function bot(manifest: TeamsAppManifest) {
  const first = manifest.bots?.[0];
  assert.ok(first, 'the manifest has a bot');
  return first;
}

function extension(manifest: TeamsAppManifest) {
  const first = manifest.composeExtensions?.[0];
  assert.ok(first, 'the manifest has a compose extension');
  return first;
}

function refuses(env: Env, expected: RegExp, options: { version?: string; allowPlaceholderId?: boolean } = {}): void {
  assert.throws(() => renderManifest(env, { warn: () => {}, ...options }), (err: unknown) => {
    assert.ok(err instanceof PackageError, `a PackageError, got ${String(err)}`);
    assert.match(err.message, expected);
    assert.doesNotMatch(err.message, /\n/, 'one line');
    return true;
  });
}

describe('Teams app manifest', () => {
  describe('schema', () => {
    it('uses a schema version bundled in @microsoft/app-manifest, and $schema names the same version', () => {
      const manifest = render();
      assert.equal(manifest.manifestVersion, '1.30');
      assert.equal(manifest.$schema, `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
      assert.ok(existsSync(bundledSchemaPath(manifest.manifestVersion)));
    });

    it('the filled manifest validates against the official bundled schema with zero errors, offline', async () => {
      const fetch = sinon.stub(globalThis, 'fetch').rejects(new Error('no network in this test'));
      try {
        assert.deepEqual(await schemaErrors(render()), []);
        assert.deepEqual(await validateManifest(render()), []);
        assert.equal(fetch.callCount, 0, 'the schema is read from node_modules, never fetched');
      } finally {
        fetch.restore();
      }
    });

    it('validates with the placeholder id, without BOT_DOMAIN, and with every optional setting given', async () => {
      const placeholder = renderManifest({}, { allowPlaceholderId: true, warn: () => {} });
      assert.deepEqual(await validateManifest(placeholder), []);
      const everything = render({
        MicrosoftAppId: BOT_ID,
        TEAMS_APP_ID: APP_ID,
        BOT_DOMAIN: 'abc123-3978.euw.devtunnels.ms',
        TICKET_LINK_DOMAINS: '*.teamswork.app,helpdesk.contoso.com',
        APP_NAME_SHORT: 'Contoso Tickets',
        APP_NAME_FULL: 'Contoso helpdesk tickets',
        APP_WEBSITE_URL: 'https://contoso.example.com/helpdesk',
        APP_PRIVACY_URL: 'https://contoso.example.com/privacy',
        APP_TERMS_URL: 'https://contoso.example.com/terms',
      });
      assert.deepEqual(await validateManifest(everything), []);
    });

    it('reports a manifest without a bot id as invalid', async () => {
      const broken = copy(render());
      delete (bot(broken) as { botId?: string }).botId;
      const errors = await validateManifest(broken);
      assert.ok(errors.some((e) => /required property 'botId'/.test(e)), errors.join('\n'));
    });

    it('reports a non-GUID app id, a bad accent colour and an unknown property as invalid', async () => {
      const broken = copy(render()) as TeamsAppManifest & { extra?: boolean };
      broken.id = 'not-a-guid';
      broken.accentColor = 'blue';
      broken.extra = true;
      const errors = await schemaErrors(broken);
      assert.ok(errors.some((e) => e.startsWith('/id ')), errors.join('\n'));
      assert.ok(errors.some((e) => e.startsWith('/accentColor ')), errors.join('\n'));
      assert.ok(errors.some((e) => /additional properties/.test(e)), errors.join('\n'));
    });

    it('reports 11 bot commands in a list as invalid (the Teams limit), and 13 as a schema error too', async () => {
      const eleven = copy(render());
      const list = bot(eleven).commandLists![0]!;
      list.commands.push({ title: 'close', description: 'close 123' });
      assert.equal(list.commands.length, 11);
      const errors = await validateManifest(eleven);
      assert.deepEqual(errors, ['/bots/0/commandLists/0/commands has 11 commands; Teams shows at most 10']);

      const thirteen = copy(eleven);
      bot(thirteen).commandLists![0]!.commands.push({ title: 'reopen' }, { title: 'tags' });
      const schema = await schemaErrors(thirteen);
      assert.ok(schema.some((e) => e.startsWith('/bots/0/commandLists/0/commands must NOT have more than')), schema.join('\n'));
    });

    it('reports duplicate message-extension command ids and unfilled placeholders', () => {
      const broken = copy(render());
      const commands = extension(broken).commands!;
      commands[1]!.id = commands[0]!.id;
      broken.name.short = '${{APP_NAME_SHORT}}';
      assert.deepEqual(ruleErrors(broken), [
        '/composeExtensions/0/commands/1/id "createTicket" is used twice',
        'placeholder ${{APP_NAME_SHORT}} was not filled',
      ]);
    });
  });

  describe('content', () => {
    it('names, descriptions, developer, icons, accent colour and permissions', () => {
      const m = render();
      assert.deepEqual(m.name, { short: 'Tickets', full: 'Tickets for Teams – helpdesk on Ticketing as a Service' });
      assert.ok(m.description.short.length <= 80 && m.description.short.length > 20, m.description.short);
      assert.ok(m.description.full.length <= 4000 && m.description.full.length > m.description.short.length);
      assert.match(m.description.full, /Ticketing as a Service/);
      assert.equal(m.developer.name, 'Tickets for Teams');
      for (const url of [m.developer.websiteUrl, m.developer.privacyUrl, m.developer.termsOfUseUrl]) assert.match(url, /^https:\/\//);
      assert.deepEqual(m.icons, { color: 'color.png', outline: 'outline.png' });
      assert.match(m.accentColor, /^#[0-9A-F]{6}$/i);
      assert.deepEqual(m.permissions, ['identity', 'messageTeamMembers']);
      assert.equal(m.webApplicationInfo, undefined);
    });

    it('one conversational bot for personal, team and group chat, no files', () => {
      const m = render();
      assert.equal(m.bots?.length, 1);
      const b = bot(m);
      assert.equal(b.botId, BOT_ID);
      assert.deepEqual([...b.scopes].sort(), ['groupChat', 'personal', 'team']);
      assert.equal(b.supportsFiles, false);
      assert.equal(b.isNotificationOnly, false);
    });

    it(`command lists cover every bot scope, with at most ${MAX_BOT_COMMANDS} commands each`, () => {
      const b = bot(render());
      const lists = b.commandLists ?? [];
      assert.ok(lists.length > 0);
      assert.deepEqual(lists.flatMap((l) => l.scopes).sort(), [...b.scopes].sort());
      for (const list of lists) {
        assert.ok(list.commands.length <= MAX_BOT_COMMANDS, `${list.scopes.join('/')} has ${list.commands.length}`);
        const titles = list.commands.map((c) => c.title);
        assert.equal(new Set(titles).size, titles.length, 'no command twice');
        assert.deepEqual(titles, ['help', 'list', 'show', 'create', 'start', 'resolve', 'comment', 'assign', 'priority', 'history']);
      }
    });

    it('every listed command is one the bot understands, and its example parses', () => {
      for (const list of bot(render()).commandLists ?? []) {
        for (const command of list.commands) {
          assert.ok(Object.hasOwn(COMMAND_EXAMPLES, command.title), `"${command.title}" is not a command word`);
          const example = command.description ?? '';
          if (example.startsWith(command.title + ' ') && !example.includes('<')) {
            const result = parseCommand(example);
            assert.notEqual(result.name, 'notUnderstood', `"${example}": ${JSON.stringify(result)}`);
          }
        }
      }
    });

    it('message extension: createTicket (action) and findTicket (query, parameter "search")', () => {
      const m = render();
      assert.equal(m.composeExtensions?.length, 1);
      const ext = extension(m);
      assert.equal(ext.botId, BOT_ID);
      const commands = ext.commands ?? [];
      // The ids the bot routes on are the ones the manifest declares.
      assert.deepEqual(commands.map((c) => c.id), [ME_COMMANDS.createTicket, ME_COMMANDS.findTicket]);
      const [create, find] = commands;
      assert.deepEqual(
        { type: create!.type, title: create!.title, context: create!.context, fetchTask: create!.fetchTask },
        { type: 'action', title: 'Create ticket', context: ['compose', 'commandBox', 'message'], fetchTask: true },
      );
      assert.ok(create!.description);
      assert.deepEqual(
        { type: find!.type, title: find!.title, context: find!.context, initialRun: find!.initialRun },
        { type: 'query', title: 'Find ticket', context: ['compose', 'commandBox'], initialRun: true },
      );
      assert.ok(find!.description);
      assert.deepEqual(find!.parameters, [{ name: 'search', title: 'Ticket', description: 'Number, title or text', inputType: 'text' }]);
    });

    it('link unfurling on *.teamswork.app by default; validDomains: BOT_DOMAIN, then the link domains', () => {
      const m = render();
      assert.deepEqual(extension(m).messageHandlers, [{ type: 'link', value: { domains: ['*.teamswork.app'] } }]);
      assert.deepEqual(m.validDomains, ['tickets-bot.example.com', '*.teamswork.app']);
    });

    it('TICKET_LINK_DOMAINS is a comma-separated list, trimmed and de-duplicated; without BOT_DOMAIN only the link domains are valid', () => {
      const m = render({ MicrosoftAppId: BOT_ID, TICKET_LINK_DOMAINS: ' helpdesk.contoso.com, *.teamswork.app ,HELPDESK.contoso.com,' });
      assert.deepEqual(extension(m).messageHandlers?.[0]?.value.domains, ['helpdesk.contoso.com', '*.teamswork.app']);
      assert.deepEqual(m.validDomains, ['helpdesk.contoso.com', '*.teamswork.app']);
    });

    it('BOT_DOMAIN may be a dev host with a port', async () => {
      const m = render({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'localhost:3978' });
      assert.deepEqual(m.validDomains, ['localhost:3978', '*.teamswork.app']);
      assert.deepEqual(await validateManifest(m), []);
    });

    it('link domains are the ones the bot itself unfurls (src/config.ts reads the same TICKET_LINK_DOMAINS)', () => {
      for (const value of [undefined, '*.teamswork.app', 'Tickets.Contoso.com, *.teamswork.app']) {
        const env = value === undefined ? {} : { TICKET_LINK_DOMAINS: value };
        const inManifest = extension(render({ MicrosoftAppId: BOT_ID, ...env })).messageHandlers?.[0]?.value.domains;
        assert.deepEqual(inManifest, loadConfig(env).linkDomains, String(value));
      }
      for (const value of ['*.com', 'helpdesk', 'https://tickets.contoso.com', 'tickets.contoso.com:8443']) {
        assert.throws(() => loadConfig({ TICKET_LINK_DOMAINS: value }), /TICKET_LINK_DOMAINS/, `config accepts ${value}`);
        refuses({ MicrosoftAppId: BOT_ID, TICKET_LINK_DOMAINS: value }, /^TICKET_LINK_DOMAINS must/);
      }
    });

    it('BOT_DOMAIN that is also a link domain appears once in validDomains', () => {
      const m = render({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'bot.teamswork.app', TICKET_LINK_DOMAINS: 'bot.teamswork.app' });
      assert.deepEqual(m.validDomains, ['bot.teamswork.app']);
    });

    it('no placeholder is left unfilled', () => {
      assert.doesNotMatch(JSON.stringify(render()), /\$\{\{/);
    });
  });

  describe('settings', () => {
    it('the Teams app id is MicrosoftAppId unless TEAMS_APP_ID is set; the bot id is always MicrosoftAppId', () => {
      assert.equal(render().id, BOT_ID);
      const m = render({ ...ENV, TEAMS_APP_ID: APP_ID });
      assert.equal(m.id, APP_ID);
      assert.equal(bot(m).botId, BOT_ID);
      assert.equal(extension(m).botId, BOT_ID);
    });

    it('the version is package.json\'s', () => {
      const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.match(pkg.version, /^\d+\.\d+\.\d+$/);
      assert.equal(render().version, pkg.version);
      assert.equal(renderManifest(ENV, { version: '2.10.3' }).version, '2.10.3');
    });

    it('refuses a version that is not plain x.y.z', () => {
      for (const version of ['1.0', '1.0.0-beta.1', 'v1.0.0', '01.2.3']) refuses(ENV, /^package\.json version must be x\.y\.z/, { version });
    });

    it('APP_NAME_SHORT and APP_NAME_FULL override the names', () => {
      const m = render({ ...ENV, APP_NAME_SHORT: 'Helpdesk', APP_NAME_FULL: 'Contoso Helpdesk' });
      assert.deepEqual(m.name, { short: 'Helpdesk', full: 'Contoso Helpdesk' });
    });

    it('without MicrosoftAppId: a clear one-line error, or the placeholder id with --allow-placeholder-id', () => {
      refuses({}, /^MicrosoftAppId is not set: the Teams app package needs the bot's Microsoft App ID/);
      refuses({ MicrosoftAppId: '  ' }, /^MicrosoftAppId is not set/);
      refuses({ TEAMS_APP_ID: APP_ID }, /^MicrosoftAppId is not set/);
      const warnings: string[] = [];
      const m = renderManifest({}, { allowPlaceholderId: true, warn: (line) => warnings.push(line) });
      assert.equal(m.id, PLACEHOLDER_ID);
      assert.equal(bot(m).botId, PLACEHOLDER_ID);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /placeholder id .* local validation only/);
      assert.equal(renderManifest(ENV, { allowPlaceholderId: true }).id, BOT_ID, 'a real id wins over the flag');
    });

    const bad: Array<[Env, RegExp]> = [
      [{ MicrosoftAppId: 'my-bot' }, /^MicrosoftAppId must be a GUID .*\(got "my-bot"\)$/],
      [{ MicrosoftAppId: `${BOT_ID}x` }, /^MicrosoftAppId must be a GUID/],
      [{ MicrosoftAppId: BOT_ID, TEAMS_APP_ID: '1234' }, /^TEAMS_APP_ID must be a GUID .*\(got "1234"\)$/],
      [{ MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'https://bot.example.com' }, /^BOT_DOMAIN must hold host names .*without https:\/\//],
      [{ MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'bot.example.com/api/messages' }, /^BOT_DOMAIN must hold host names/],
      [{ MicrosoftAppId: BOT_ID, TICKET_LINK_DOMAINS: '*.com' }, /^TICKET_LINK_DOMAINS must not use a wildcard on a top-level domain/],
      [{ MicrosoftAppId: BOT_ID, TICKET_LINK_DOMAINS: '*' }, /^TICKET_LINK_DOMAINS must hold host names/],
      [{ MicrosoftAppId: BOT_ID, TICKET_LINK_DOMAINS: 'tickets.contoso.com:8443' }, /^TICKET_LINK_DOMAINS must hold host names .* or a port/],
      [{ MicrosoftAppId: BOT_ID, TICKET_LINK_DOMAINS: 'helpdesk' }, /^TICKET_LINK_DOMAINS must hold host names/],
      [{ MicrosoftAppId: BOT_ID, TICKET_LINK_DOMAINS: ' , ' }, /^TICKET_LINK_DOMAINS must list at least one domain/],
      [{ MicrosoftAppId: BOT_ID, APP_NAME_SHORT: 'Tickets for the whole helpdesk team' }, /^APP_NAME_SHORT must be at most 30 characters/],
      [{ MicrosoftAppId: BOT_ID, APP_PRIVACY_URL: 'http://example.com/privacy' }, /^APP_PRIVACY_URL must be an https:\/\/ URL/],
      [{ MicrosoftAppId: BOT_ID, APP_WEBSITE_URL: 'not a url' }, /^APP_WEBSITE_URL must be an https:\/\/ URL/],
    ];
    for (const [env, expected] of bad) {
      it(`refuses ${JSON.stringify(env)} with one line naming the variable`, () => refuses(env, expected));
    }

    it('the defaults are what the manifest gets when nothing is set', () => {
      const m = render({ MicrosoftAppId: BOT_ID });
      assert.equal(m.name.short, DEFAULTS.APP_NAME_SHORT);
      assert.equal(m.developer.websiteUrl, DEFAULTS.APP_WEBSITE_URL);
      assert.equal(m.developer.privacyUrl, DEFAULTS.APP_PRIVACY_URL);
      assert.equal(m.developer.termsOfUseUrl, DEFAULTS.APP_TERMS_URL);
    });
  });

  describe('template', () => {
    it('uses only known placeholders, and no literal GUID', () => {
      const text = JSON.stringify(readTemplate());
      const names = new Set([...text.matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]));
      assert.deepEqual([...names].sort(), [
        'APP_NAME_FULL', 'APP_NAME_SHORT', 'APP_PRIVACY_URL', 'APP_TERMS_URL', 'APP_VERSION', 'APP_WEBSITE_URL',
        'BOT_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID', 'TICKET_LINK_DOMAINS',
      ]);
      assert.doesNotMatch(text, /[0-9a-f]{8}-[0-9a-f]{4}-/i);
    });

    it('fills text inside strings and splices lists into arrays', () => {
      const filled = fillTemplate(
        { a: 'x-${{T}}-y', list: ['first', '${{L}}', '${{E}}', 'B'], n: 3, yes: true, none: null },
        { T: 'text', L: ['a', 'b'], E: [] },
      );
      assert.deepEqual(filled, { a: 'x-text-y', list: ['first', 'a', 'b'], n: 3, yes: true, none: null });
    });

    it('refuses an unknown placeholder, and a list inside a string', () => {
      assert.throws(() => fillTemplate({ a: ['${{NOPE}}'] }, {}), /\$\.a\[0\] uses \$\{\{NOPE\}\}, which has no value/);
      assert.throws(() => fillTemplate({ a: 'see ${{L}}' }, { L: ['x'] }), /uses the list \$\{\{L\}\} inside a string/);
    });
  });
});
