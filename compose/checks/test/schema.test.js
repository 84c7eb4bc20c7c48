'use strict';
// compose.yaml against the compose-spec schema and the dclint rules in ../dclint.yaml. dclint exits
// 1 on any error; a broken copy of the real file proves the run can fail.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHECKS_DIR = path.resolve(__dirname, '..');
const COMPOSE_FILE = path.resolve(CHECKS_DIR, '..', 'compose.yaml');
const DCLINT = path.join(CHECKS_DIR, 'node_modules', 'dclint', 'bin', 'dclint.cjs');

function dclint(file) {
  const run = spawnSync(process.execPath, [DCLINT, '-c', path.join(CHECKS_DIR, 'dclint.yaml'), '--max-warnings', '0', '--color', 'false', file], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The real compose file with one text replacement, written to a temp folder. */
function brokenCopy(from, to) {
  const text = fs.readFileSync(COMPOSE_FILE, 'utf8');
  assert.ok(text.includes(from), `compose.yaml no longer contains ${from}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dclint-')), 'compose.yaml');
  fs.writeFileSync(file, text.replace(from, to));
  return file;
}

test('compose.yaml passes the compose-spec schema and the dclint rules', () => {
  const run = dclint(COMPOSE_FILE);
  assert.equal(run.status, 0, run.output);
});

test('a key the compose spec does not know fails the schema', () => {
  const run = dclint(brokenCopy('    ports:\n', '    portz:\n'));
  assert.equal(run.status, 1, run.output);
  assert.match(run.output, /invalid-schema/);
});

test('a host port published twice fails', () => {
  const run = dclint(brokenCopy('"127.0.0.1:8081:8080"', '"127.0.0.1:8080:8080"'));
  assert.equal(run.status, 1, run.output);
  assert.match(run.output, /no-duplicate-exported-ports/);
});

test('a port open on every interface fails', () => {
  const run = dclint(brokenCopy('"127.0.0.1:9390:9390"', '"9390:9390"'));
  assert.equal(run.status, 1, run.output);
  assert.match(run.output, /no-unbound-port-interfaces/);
});

test('an image without a pinned tag fails', () => {
  const run = dclint(brokenCopy('image: prom/prometheus:v3.5.0', 'image: prom/prometheus'));
  assert.equal(run.status, 1, run.output);
  assert.match(run.output, /service-image-require-explicit-tag/);
});
