'use strict';
// Checks that need `terraform console` (no provider, nothing downloaded): validation blocks accept
// the defaults and the examples' sample values, and the AWS boot script renders into valid bash.
// Skipped with a notice where no terraform binary is on PATH, like `terraform fmt -check`.

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { parse } = require('@cdktf/hcl2json');
const checks = require('../lib/checks');
const tfConsole = require('../lib/console');

const TERRAFORM_ROOT = path.resolve(__dirname, '..', '..');
const BOOT_SCRIPT = path.join(TERRAFORM_ROOT, 'modules', 'aws-site', 'templates', 'user_data.sh.tftpl');
const available = tfConsole.terraformAvailable();
const skip = available ? false : 'terraform is not on PATH: validation and boot-script rendering checks skipped';

/** What aws-site's instances.tf passes to the boot script, for one role. */
function bootVars(role, overrides = {}) {
  return {
    role,
    command: role,
    env: { FABRIC_CLOUD: 'aws', FABRIC_HTTP_HOST: '0.0.0.0' },
    secrets: {},
    files: {},
    hazelcast_tag: null,
    region: 'eu-west-1',
    image: 'ghcr.io/acme/syncfabric:1.0.0',
    drain_seconds: 60,
    log_group: '/syncfabric/aws',
    ...overrides,
  };
}

/** `bash -n` on a script: null when it parses, else bash's complaint. */
function bashSyntaxError(script) {
  const run = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
  return run.status === 0 ? null : run.stderr.trim();
}

describe('terraform console checks', { skip }, () => {
  let mods;

  before(async () => {
    mods = [];
    for (const d of checks.moduleDirs(TERRAFORM_ROOT)) mods.push(await checks.loadModule(d));
  });

  test('every validation accepts its variable default', () => {
    assert.deepEqual(mods.flatMap(tfConsole.checkDefaultsPassValidation), []);
  });

  test("every validation accepts the examples' sample values (terraform.tfvars.example)", async () => {
    const problems = [];
    let checked = 0;
    for (const example of mods.filter((m) => m.dir.includes(`${path.sep}examples${path.sep}`))) {
      const tfvars = await parse('terraform.tfvars.example', fs.readFileSync(path.join(example.dir, 'terraform.tfvars.example'), 'utf8'));
      for (const [call, inputs] of Object.entries(tfConsole.exampleInputs(example, tfvars))) {
        const target = await checks.loadModule(path.resolve(example.dir, example.calls[call].source));
        for (const [name, value] of Object.entries(inputs)) {
          checked += 1;
          problems.push(...tfConsole.checkValidationAccepts(target, name, value, `the value ${path.basename(example.dir)} passes,`));
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(checked >= 20, `only ${checked} example inputs checked`);
  });

  test('the AWS boot script renders into valid bash for a frontend, a bridge and a mirror', () => {
    const roles = {
      frontend: bootVars('frontend', {
        secrets: { FABRIC_JWT_SECRET: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:jwt' },
        hazelcast_tag: { key: 'fabric-pool', value: 'syncfabric-aws-frontend' },
      }),
      bridge: bootVars('bridge'),
      mirror: bootVars('mirror', {
        files: {
          '/etc/fabric/mirror-clusters.properties': {
            lines: ['aws.security.protocol=SSL', 'gcp.security.protocol=SASL_SSL'],
            secrets: { 'gcp.sasl.jaas.config': 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:jaas' },
          },
        },
      }),
    };
    for (const [role, vars] of Object.entries(roles)) {
      const rendered = tfConsole.renderTemplate(BOOT_SCRIPT, vars);
      assert.ok(rendered.ok, `${role}: ${rendered.error}`);
      assert.equal(bashSyntaxError(rendered.value), null, `${role} script`);
      assert.match(rendered.value, new RegExp(`syncfabric:1\\.0\\.0' ${role}\\n`), `${role} runs its role`);
    }
    const frontend = tfConsole.renderTemplate(BOOT_SCRIPT, roles.frontend).value;
    for (const variable of ['FABRIC_NODE_ID', 'FABRIC_HAZELCAST_HOST', 'FABRIC_HAZELCAST_MEMBERS']) assert.match(frontend, new RegExp(variable));
    assert.match(tfConsole.renderTemplate(BOOT_SCRIPT, roles.mirror).value, /gcp\.sasl\.jaas\.config/);
  });
});

describe('each console check rejects a broken input', { skip }, () => {
  test('a validation that rejects its own default', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-validation-'));
    fs.writeFileSync(path.join(dir, 'variables.tf'), [
      'variable "memory" {',
      '  description = "d"',
      '  type        = string',
      '  default     = "2G"',
      '  validation {',
      '    condition     = can(regex("^[0-9]+(Mi|Gi)$", var.memory))',
      '    error_message = "memory must end in Mi or Gi."',
      '  }',
      '}',
      '',
    ].join('\n'));
    const problems = tfConsole.checkDefaultsPassValidation(await checks.loadModule(dir));
    assert.equal(problems.length, 1);
    assert.match(problems[0], /variable "memory" rejects its default "2G": memory must end in Mi or Gi\./);
  });

  test('a validation that cannot be evaluated', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-validation-'));
    fs.writeFileSync(path.join(dir, 'variables.tf'), [
      'variable "n" {',
      '  description = "d"',
      '  type        = number',
      '  default     = 1',
      '  validation {',
      '    condition     = no_such_function(var.n)',
      '    error_message = "x"',
      '  }',
      '}',
      '',
    ].join('\n'));
    assert.match(tfConsole.checkDefaultsPassValidation(await checks.loadModule(dir)).join('\n'), /fails to evaluate/);
  });

  test('a template that does not render, and a rendered script bash rejects', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-template-'));
    const missingVar = path.join(dir, 'a.tftpl');
    fs.writeFileSync(missingVar, 'echo ${not_passed}\n');
    assert.equal(tfConsole.renderTemplate(missingVar, {}).ok, false);
    const badBash = path.join(dir, 'b.tftpl');
    fs.writeFileSync(badBash, "echo '${word}\n");
    const rendered = tfConsole.renderTemplate(badBash, { word: 'x' });
    assert.ok(rendered.ok);
    assert.notEqual(bashSyntaxError(rendered.value), null);
  });
});
