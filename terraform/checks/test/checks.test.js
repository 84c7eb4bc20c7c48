'use strict';
// Runs every check on the real terraform/ tree, then proves each check can fail by
// feeding it a small broken snippet written to a temporary folder.

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const checks = require('../lib/checks');

const TERRAFORM_ROOT = path.resolve(__dirname, '..', '..');

/** Writes {name: text} into a fresh temp folder and returns its path. */
function tempModule(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-check-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const GOOD_VERSIONS = `terraform {
  required_version = ">= 1.9.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
}
`;

describe('terraform/ tree', () => {
  let tfFiles;
  let dirs;
  let mods;

  before(async () => {
    tfFiles = checks.listFiles(TERRAFORM_ROOT);
    dirs = checks.moduleDirs(TERRAFORM_ROOT);
    mods = [];
    for (const d of dirs) mods.push(await checks.loadModule(d));
  });

  test('finds the modules and examples', () => {
    const names = dirs.map((d) => path.relative(TERRAFORM_ROOT, d));
    for (const expected of ['modules/aws-site', 'modules/gcp-site', 'modules/azure-site', 'modules/global-routing', 'modules/mirror-config', 'examples/two-cloud', 'examples/three-cloud']) {
      assert.ok(names.includes(expected), `missing ${expected}`);
    }
  });

  test('every .tf file parses', async () => {
    assert.ok(tfFiles.length > 0);
    assert.deepEqual(await checks.checkParse(tfFiles), []);
  });

  test('every module has variables.tf, outputs.tf, versions.tf and README.md', () => {
    assert.deepEqual(dirs.flatMap(checks.checkModuleLayout), []);
  });

  test('every variable has a description and a type', () => {
    assert.deepEqual(mods.flatMap(checks.checkVariables), []);
  });

  test('every module variable has a validation block (bool and map(string) aside)', () => {
    assert.deepEqual(mods.flatMap(checks.checkValidations), []);
    assert.ok(mods.some((m) => Object.values(m.variables).some((v) => v.validation)), 'finds validation blocks');
  });

  test('every var., local., module., resource and data source reference is declared', () => {
    assert.deepEqual(mods.flatMap(checks.checkReferences), []);
  });

  test('every output has a description', () => {
    assert.deepEqual(mods.flatMap(checks.checkOutputs), []);
  });

  test('required_version and every provider version are pinned', () => {
    assert.deepEqual(mods.flatMap(checks.checkVersions), []);
  });

  test('every module call passes every required input', async () => {
    const problems = [];
    for (const m of mods) problems.push(...(await checks.checkModuleCalls(m)));
    assert.deepEqual(problems, []);
    assert.ok(mods.some((m) => Object.keys(m.calls).length >= 3), 'examples call the modules');
  });

  test('no hard-coded credentials', () => {
    assert.deepEqual(checks.checkCredentials(checks.listFiles(TERRAFORM_ROOT, ['.tf', '.tftpl']), mods), []);
  });

  test('every public listener uses TLS', () => {
    assert.deepEqual(mods.flatMap(checks.checkPublicTls), []);
  });

  test('every health path is one the fabric serves', () => {
    assert.deepEqual(checks.checkHealthPaths(tfFiles), []);
    const text = tfFiles.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    assert.match(text, /"\/health\/live"/, 'finds the liveness paths');
  });
});

describe('each check rejects a broken input', () => {
  test('parse: an unclosed block fails and names the file', async () => {
    const dir = tempModule({ 'broken.tf': 'variable "x" {\n  type = string\n' });
    const problems = await checks.checkParse([path.join(dir, 'broken.tf')]);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /broken\.tf/);
  });

  test('layout: a module without README.md and outputs.tf', () => {
    const dir = tempModule({ 'variables.tf': '', 'versions.tf': GOOD_VERSIONS });
    const problems = checks.checkModuleLayout(dir);
    assert.equal(problems.length, 2);
    assert.match(problems.join('\n'), /README\.md/);
    assert.match(problems.join('\n'), /outputs\.tf/);
  });

  test('variables: missing description and missing type', async () => {
    const dir = tempModule({
      'variables.tf': 'variable "a" {\n  type = string\n}\nvariable "b" {\n  description = "b"\n}\n',
    });
    const problems = checks.checkVariables(await checks.loadModule(dir));
    assert.deepEqual(problems.map((p) => p.replace(/^.*: /, '')), ['variable "a" has no description', 'variable "b" has no type']);
  });

  test('validations: a module variable without one; bool, map(string) and example variables are exempt', async () => {
    const root = tempModule({
      'modules/m/variables.tf': [
        'variable "size" {\n  description = "d"\n  type = number\n}',
        'variable "on" {\n  description = "d"\n  type = bool\n}',
        'variable "tags" {\n  description = "d"\n  type = map(string)\n}',
        '',
      ].join('\n'),
      'examples/e/variables.tf': 'variable "size" {\n  description = "d"\n  type = number\n}\n',
    });
    const problems = checks.checkValidations(await checks.loadModule(path.join(root, 'modules', 'm')));
    assert.deepEqual(problems.map((p) => p.replace(/^.*: /, '')), ['variable "size" has no validation block']);
    assert.deepEqual(checks.checkValidations(await checks.loadModule(path.join(root, 'examples', 'e'))), []);
  });

  test('references: an undeclared variable, local, module, resource and data source; declared ones and comments pass', async () => {
    const dir = tempModule({
      'main.tf': [
        'variable "name" {\n  description = "d"\n  type = string\n}',
        'locals {\n  known = var.name\n}',
        'module "m" {\n  source = "./m"\n}',
        'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}',
        'resource "aws_lb" "this" {\n  name = data.aws_region.here.name\n}',
        'data "aws_region" "here" {}',
        '# local.in_a_comment is fine',
        'output "o" {',
        '  description = "d"',
        '  value       = [local.known, module.m.x, var.nmae, local.unknown, module.gone.y, aws_lb.this.arn, aws_lb.that.arn, data.aws_region.there.id]',
        '}',
        '',
      ].join('\n'),
    });
    const problems = checks.checkReferences(await checks.loadModule(dir));
    assert.deepEqual(problems.map((p) => p.replace(/^.*: (\S+) is not declared.*$/, '$1')), ['var.nmae', 'local.unknown', 'module.gone', 'aws_lb.that', 'data.aws_region.there']);
  });

  test('outputs: missing description', async () => {
    const dir = tempModule({ 'outputs.tf': 'output "o" {\n  value = 1\n}\n' });
    const problems = checks.checkOutputs(await checks.loadModule(dir));
    assert.equal(problems.length, 1);
    assert.match(problems[0], /output "o" has no description/);
  });

  test('versions: no required_version and an unpinned provider', async () => {
    const dir = tempModule({
      'versions.tf': 'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}\n',
    });
    const problems = checks.checkVersions(await checks.loadModule(dir));
    assert.equal(problems.length, 2);
    assert.match(problems.join('\n'), /required_version is not set/);
    assert.match(problems.join('\n'), /provider "aws" has no version constraint/);
  });

  test('versions: providers may be left out only by a module without resources and data sources', async () => {
    const versionsOnly = 'terraform {\n  required_version = ">= 1.9.0"\n}\n';
    const pure = tempModule({ 'versions.tf': versionsOnly, 'main.tf': 'locals {\n  x = 1\n}\n' });
    assert.deepEqual(checks.checkVersions(await checks.loadModule(pure)), []);
    const withData = tempModule({ 'versions.tf': versionsOnly, 'main.tf': 'data "aws_region" "r" {}\n' });
    assert.match(checks.checkVersions(await checks.loadModule(withData)).join('\n'), /no required_providers block/);
  });

  test('module calls: a required input is not passed, an unknown one is', async () => {
    const root = tempModule({
      'child/variables.tf': 'variable "needed" {\n  description = "d"\n  type = string\n}\nvariable "optional" {\n  description = "d"\n  type = string\n  default = null\n}\n',
      'root/main.tf': 'module "c" {\n  source = "../child"\n  typo = 1\n}\n',
    });
    const problems = await checks.checkModuleCalls(await checks.loadModule(path.join(root, 'root')));
    assert.equal(problems.length, 2);
    assert.match(problems.join('\n'), /does not pass required input "needed"/);
    assert.match(problems.join('\n'), /passes "typo"/);
  });

  test('credentials: AWS key, private key, password/secret literals, secret default', async () => {
    const dir = tempModule({
      'bad.tf': [
        'locals {',
        '  key_id = "AKIAABCDEFGHIJKLMNOP"',
        '  pem    = "-----BEGIN RSA PRIVATE KEY-----"',
        '  admin_password = "hunter2"',
        '  client_secret = "s3cr3t"',
        '}',
        'variable "jwt_secret" {',
        '  description = "d"',
        '  type = string',
        '  default = "changeme"',
        '}',
        '',
      ].join('\n'),
    });
    const problems = checks.checkCredentials([path.join(dir, 'bad.tf')], [await checks.loadModule(dir)]);
    const text = problems.join('\n');
    for (const kind of ['AWS access key id', 'private key', 'literal password', 'literal secret', 'must not have a default']) {
      assert.match(text, new RegExp(kind), `expected a "${kind}" finding`);
    }
  });

  test('credentials: references and interpolations are fine', async () => {
    const dir = tempModule({
      'ok.tf': 'variable "jwt_secret_ref" {\n  description = "d"\n  type = string\n}\nlocals {\n  client_secret = "${var.jwt_secret_ref}"\n}\n',
    });
    assert.deepEqual(checks.checkCredentials([path.join(dir, 'ok.tf')], [await checks.loadModule(dir)]), []);
  });

  test('TLS: plain aws_lb_listener that forwards or only redirects, public L4 service, plain HTTP proxy, plain App Gateway listener', async () => {
    const dir = tempModule({
      'lb.tf': [
        'resource "aws_lb_listener" "plain" {',
        '  port     = 80',
        '  protocol = "HTTP"',
        '  default_action {',
        '    type = "forward"',
        '  }',
        '}',
        'resource "aws_lb_listener" "redirect" {',
        '  port     = 80',
        '  protocol = "HTTP"',
        '  default_action {',
        '    type = "redirect"',
        '    redirect {',
        '      protocol = "HTTPS"',
        '    }',
        '  }',
        '}',
        'resource "aws_lb_listener" "https" {',
        '  port     = 443',
        '  protocol = "HTTPS"',
        '}',
        'resource "kubernetes_service_v1" "lb" {',
        '  metadata {',
        '    name = "x"',
        '  }',
        '  spec {',
        '    type = "LoadBalancer"',
        '  }',
        '}',
        'resource "google_compute_region_target_http_proxy" "p" {',
        '  url_map = google_compute_region_url_map.m.id',
        '}',
        'resource "google_compute_region_url_map" "m" {',
        '  default_service = "x"',
        '}',
        'resource "azurerm_application_gateway" "g" {',
        '  http_listener {',
        '    name     = "plain"',
        '    protocol = "Http"',
        '  }',
        '  request_routing_rule {',
        '    name               = "r"',
        '    http_listener_name = "plain"',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    const problems = checks.checkPublicTls(await checks.loadModule(dir));
    const text = problems.join('\n');
    assert.equal(problems.length, 5, text);
    assert.match(text, /aws_lb_listener\.plain/);
    assert.match(text, /aws_lb_listener\.redirect: protocol HTTP without TLS \(no plain listener, not even a redirect\)/);
    assert.match(text, /kubernetes_service_v1\.lb/);
    assert.match(text, /google_compute_region_target_http_proxy\.p/);
    assert.match(text, /azurerm_application_gateway\.g/);
    assert.doesNotMatch(text, /aws_lb_listener\.https/);
  });

  test('health paths: /health and /healthz fail, the served ones and comments pass', () => {
    const dir = tempModule({
      'probes.tf': [
        'locals {',
        '  mirror = { health_path = "/health" }',
        '  bridge = { health_path = "/health/ready" }',
        '  live   = "/health/live"',
        '  # "/health" in a comment is fine',
        '}',
        'resource "aws_lb_target_group" "t" {',
        '  health_check {',
        '    path = "/healthz"',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    const problems = checks.checkHealthPaths([path.join(dir, 'probes.tf')]);
    assert.deepEqual(problems.map((p) => p.replace(/^.*probes\.tf:/, '')), [
      '2: health path /health is not served by the fabric (/health/live, /health/ready)',
      '9: health path /healthz is not served by the fabric (/health/live, /health/ready)',
    ]);
  });
});
