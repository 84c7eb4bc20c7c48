'use strict';
// The FABRIC_ variables the modules set against the config keys the fabric's Java sources define.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const checks = require('../lib/checks');
const fabricKeys = require('../lib/fabric-keys');

const TERRAFORM_ROOT = path.resolve(__dirname, '..', '..');
const REPO_ROOT = path.resolve(TERRAFORM_ROOT, '..');
const PENDING = Object.keys(require('../pending-keys.json').keys);

test('the Java sources define the keys every process shares', () => {
  const keys = fabricKeys.javaConfigKeys(REPO_ROOT);
  for (const key of ['cloud', 'kafka.bootstrap', 'http.host', 'node.id', 'hazelcast.kubernetes.service.dns']) {
    assert.ok(keys.has(key), `no ConfigKey "${key}" found in */src/main/java`);
  }
});

test('every FABRIC_ variable in the modules is a config key or a pending one', (t) => {
  const keys = fabricKeys.javaConfigKeys(REPO_ROOT);
  const files = checks.listFiles(TERRAFORM_ROOT, ['.tf', '.tftpl']);
  assert.deepEqual(fabricKeys.checkFabricVariables(files, keys, PENDING), []);
  const landed = fabricKeys.landedPendingKeys(keys, PENDING);
  if (landed.length > 0) t.diagnostic(`notice: now defined in the sources, remove from pending-keys.json: ${landed.join(', ')}`);
  const missing = PENDING.filter((k) => !landed.includes(k));
  if (missing.length > 0) t.diagnostic(`notice: keys the modules set that the fabric does not read yet: ${missing.join(', ')}`);
});

test('a misspelt key, an invented one and a pending one; comments and launcher variables pass', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fabric-keys-'));
  fs.mkdirSync(path.join(dir, 'x', 'src', 'main', 'java'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'x', 'src', 'main', 'java', 'K.java'), [
    'class K {',
    '  static final ConfigKey<String> A = ConfigKey.nonBlank("kafka.bootstrap", "x", "d");',
    '  static final ConfigKey<String> B = new ConfigKey<>(',
    '      "hazelcast.kubernetes.service.dns", s -> s, "", v -> true, "e", "d");',
    '}',
    '',
  ].join('\n'));
  const keys = fabricKeys.javaConfigKeys(dir);
  assert.deepEqual([...keys].sort(), ['hazelcast.kubernetes.service.dns', 'kafka.bootstrap']);

  const tf = path.join(dir, 'env.tf');
  fs.writeFileSync(tf, [
    'locals {',
    '  env = {',
    '    FABRIC_KAFKA_BOOTSTRAP                  = "k:9092"',
    '    FABRIC_HAZELCAST_KUBERNETES_SERVICE_DNS = "svc"',
    '    FABRIC_KAFKA_BOOTSTRAPS                 = "typo"',
    '    FABRIC_MIRROR_PEERS                     = "invented"',
    '    FABRIC_KAFKA_SECURITY_PROTOCOL          = "SSL"',
    '    FABRIC_JAVA_OPTS                        = "-Xmx1g"',
    '  }',
    '  # FABRIC_IN_A_COMMENT is fine',
    '}',
    '',
  ].join('\n'));
  const problems = fabricKeys.checkFabricVariables([tf], keys, ['kafka.security.protocol']);
  assert.deepEqual(problems.map((p) => p.replace(/^.*?: (FABRIC_\w+).*$/, '$1')), ['FABRIC_KAFKA_BOOTSTRAPS', 'FABRIC_MIRROR_PEERS']);
  assert.deepEqual(fabricKeys.landedPendingKeys(keys, ['kafka.bootstrap', 'kafka.sasl.mechanism']), ['kafka.bootstrap']);
});
