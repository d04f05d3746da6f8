/**
 * The Toolkit files as the Microsoft 365 Agents Toolkit's own CLI reads them, offline: both project
 * files against the yml schema it bundles, and `atk validate` and `atk package` on the manifest
 * with each environment's values. The CLI is large (about 450 MB installed), so it is installed
 * into a temporary folder for this run only, at a pinned version, not as a project dependency.
 * Run by `npm run test:prod` (CI).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../src/projectRoot.js';

const CLI_PACKAGE = '@microsoft/m365agentstoolkit-cli@1.1.17';
/** What provision writes into each environment before the manifest is packaged. */
const PROVISIONED = {
  dev: { TEAMS_APP_ID: '0a1b2c3d-0000-4000-8000-000000000001', BOT_ID: '6f4a2f55-0000-4000-8000-00000000b07d', BOT_DOMAIN: 'ticketscontoso1.azurewebsites.net' },
  local: { TEAMS_APP_ID: '0a1b2c3d-0000-4000-8000-000000000002', BOT_ID: '6f4a2f55-0000-4000-8000-00000000b07e', BOT_DOMAIN: 'abcd1234-3978.euw.devtunnels.ms' },
} as const;

describe('Agents Toolkit CLI, offline', function () {
  this.timeout(600_000);
  let tools: string;
  let project: string;
  let cliDir: string;

  before(() => {
    tools = mkdtempSync(join(tmpdir(), 'atk-cli-'));
    execFileSync('npm', ['install', '--prefix', tools, '--no-audit', '--no-fund', '--ignore-scripts', CLI_PACKAGE], { stdio: 'ignore' });
    cliDir = join(tools, 'node_modules', '@microsoft', 'm365agentstoolkit-cli');
    project = mkdtempSync(join(tmpdir(), 'atk-project-'));
    for (const entry of ['m365agents.yml', 'm365agents.local.yml', 'env', 'infra', 'manifest', 'package.json']) {
      cpSync(join(PROJECT_ROOT, entry), join(project, entry), { recursive: true });
    }
    for (const [env, values] of Object.entries(PROVISIONED)) {
      const file = join(project, 'env', `.env.${env}`);
      let text = readFileSync(file, 'utf8');
      for (const [name, value] of Object.entries(values)) text = text.replace(new RegExp(`^${name}=.*$`, 'm'), `${name}=${value}`);
      writeFileSync(file, text);
    }
  });
  after(() => {
    for (const dir of [tools, project]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const atk = (args: string[]) => execFileSync(process.execPath, [join(cliDir, 'cli.js'), ...args, '--folder', project, '--interactive', 'false', '--telemetry', 'false'], {
    cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });

  it('both project files follow the Toolkit\'s own v1.11 yml schema', () => {
    const cliRequire = createRequire(join(cliDir, 'package.json'));
    // The CLI's own JSON-schema validator, from its install.
    const Ajv = cliRequire('ajv') as new (options: object) => { compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown[] | null } };
    const schema = JSON.parse(readFileSync(join(cliDir, 'resource', 'yaml-schema', 'v1.11', 'yaml.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
      const valid = validate(parse(readFileSync(join(PROJECT_ROOT, file), 'utf8')));
      assert.ok(valid, `${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
  });

  for (const env of ['dev', 'local'] as const) {
    it(`atk validate and atk package: the manifest with env/.env.${env}'s values`, async () => {
      const validated = atk(['validate', '--env', env, '--manifest-file', './manifest/manifest.json']);
      assert.match(validated, /All passed/);
      const packaged = atk(['package', '--env', env, '--manifest-file', './manifest/manifest.json']);
      assert.match(packaged, /built successfully/);
      const zip = await JSZip.loadAsync(readFileSync(join(project, 'appPackage', 'build', `appPackage.${env}.zip`)));
      // The manifest's localizationInfo names fr.json: the Toolkit packs it, its placeholders filled.
      assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'fr.json', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
        id: string; version: string; bots: Array<{ botId: string }>; validDomains: string[]; name: { short: string };
      };
      const french = JSON.parse(await zip.file('fr.json')!.async('string')) as Record<string, string>;
      assert.equal(french['name.short'], manifest.name.short);
      assert.equal(manifest.id, PROVISIONED[env].TEAMS_APP_ID);
      assert.equal(manifest.bots[0]!.botId, PROVISIONED[env].BOT_ID);
      assert.ok(manifest.validDomains.includes(PROVISIONED[env].BOT_DOMAIN));
      assert.equal(manifest.version, (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    });
  }
});
