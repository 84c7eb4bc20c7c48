'use strict';
// Runs every check on the real compose/ folder, then proves each one can fail by feeding it a
// small broken input.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const checks = require('../lib/checks');

const COMPOSE_DIR = path.resolve(__dirname, '..', '..');
const REPO_ROOT = path.resolve(COMPOSE_DIR, '..');
const compose = checks.loadYaml(path.join(COMPOSE_DIR, 'compose.yaml'));
const prometheus = checks.loadYaml(path.join(COMPOSE_DIR, 'prometheus', 'prometheus.yml'));
const datasources = checks.loadYaml(path.join(COMPOSE_DIR, 'grafana', 'provisioning', 'datasources', 'prometheus.yml'));

/** A deep copy of the real compose file with `change` applied to it. */
function brokenCompose(change) {
  const copy = structuredClone(compose);
  change(copy);
  return copy;
}

describe('compose/ as committed', () => {
  test('every mounted file, secret file, build context and Dockerfile exists', () => {
    assert.ok(checks.mountedPaths(compose).length >= 5, 'finds the mounts');
    assert.deepEqual(checks.checkMountedFiles(compose, COMPOSE_DIR), []);
  });

  test('prometheus scrapes exactly the frontends, bridges and mirror, on their ports, with their cloud', () => {
    assert.deepEqual(checks.checkPrometheusTargets(compose, prometheus), []);
    const jobs = prometheus.scrape_configs.map((j) => j.job_name);
    assert.deepEqual(jobs.sort(), ['fabric-bridge', 'fabric-frontend', 'fabric-mirror']);
  });

  test("grafana's datasource is a compose service", () => {
    assert.deepEqual(checks.checkDatasources(compose, datasources), []);
  });

  test('the Dockerfile copies only what .dockerignore lets through, and it exists', () => {
    const dockerfile = fs.readFileSync(path.join(COMPOSE_DIR, 'Dockerfile'), 'utf8');
    assert.ok(checks.copySources(dockerfile).includes('fabric'), 'copies the launcher');
    const dockerignore = fs.readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8');
    assert.deepEqual(checks.checkDockerContext(dockerfile, dockerignore, REPO_ROOT), []);
  });
});

describe('each check rejects a broken input', () => {
  test('mounts: a missing volume source, secret file and Dockerfile; a variable without default', () => {
    const broken = brokenCompose((c) => {
      c.services.prometheus.volumes = ['./prometheus/missing.yml:/etc/prometheus/prometheus.yml:ro'];
      c.secrets['fabric-auth'].file = '${FABRIC_AUTH_FILE:-./secrets/nope.properties}';
      c.services['fe-a1'].build = { context: '..', dockerfile: 'compose/Nope.Dockerfile' };
      c.services.grafana.env_file = ['${NO_DEFAULT}'];
    });
    const text = checks.checkMountedFiles(broken, COMPOSE_DIR).join('\n');
    for (const expected of ['missing.yml', 'nope.properties', 'Nope.Dockerfile', 'without a default']) {
      assert.match(text, new RegExp(expected.replace('.', '\\.')));
    }
  });

  test('interpolation: the default is used, a bare variable cannot be resolved', () => {
    assert.equal(checks.withDefaults('${A:-./x}/y'), './x/y');
    assert.equal(checks.withDefaults('${A-./x}'), './x');
    assert.equal(checks.withDefaults('${A}'), null);
  });

  test('prometheus: unknown target, wrong port, wrong cloud, unscraped frontend', () => {
    const broken = structuredClone(prometheus);
    const frontends = broken.scrape_configs.find((j) => j.job_name === 'fabric-frontend');
    frontends.static_configs[0].targets = ['fe-a1:8081', 'fe-zz:8080'];
    frontends.static_configs[1].labels.cloud = 'a';
    const text = checks.checkPrometheusTargets(compose, broken).join('\n');
    assert.match(text, /fe-zz:8080 is not a compose service/);
    assert.match(text, /fe-a1:8081, but fe-a1 listens on 8080/);
    assert.match(text, /fe-b1:8080 is labelled cloud a, but fe-b1 runs in cloud b/);
    assert.match(text, /service fe-a2 \(frontend\) is not scraped/);
  });

  test('prometheus: a bridge scraped under the frontend job', () => {
    const broken = structuredClone(prometheus);
    const jobs = broken.scrape_configs;
    jobs.find((j) => j.job_name === 'fabric-frontend').static_configs[0].targets.push('bridge-a:9400');
    jobs.find((j) => j.job_name === 'fabric-bridge').static_configs[0].targets = ['bridge-b:9400'];
    jobs.find((j) => j.job_name === 'fabric-bridge').static_configs[0].labels.cloud = 'b';
    assert.match(checks.checkPrometheusTargets(compose, broken).join('\n'), /bridge-a \(bridge\) is scraped by job fabric-frontend/);
  });

  test('prometheus: the mirror not scraped, then scraped on the wrong port', () => {
    const unscraped = structuredClone(prometheus);
    unscraped.scrape_configs = unscraped.scrape_configs.filter((j) => j.job_name !== 'fabric-mirror');
    assert.match(checks.checkPrometheusTargets(compose, unscraped).join('\n'), /service mirror \(mirror\) is not scraped by prometheus job fabric-mirror/);
    const wrongPort = structuredClone(prometheus);
    wrongPort.scrape_configs.find((j) => j.job_name === 'fabric-mirror').static_configs[0].targets = ['mirror:9400'];
    assert.match(checks.checkPrometheusTargets(compose, wrongPort).join('\n'), /mirror:9400, but mirror listens on 9390/);
  });

  test('datasource: a host that is no service', () => {
    const broken = { datasources: [{ name: 'Prometheus', url: 'http://prom:9090' }] };
    assert.deepEqual(checks.checkDatasources(compose, broken), ['grafana datasource Prometheus: prom:9090 is not a compose service']);
  });

  test('docker context: a COPY source .dockerignore drops, and one that does not exist', () => {
    const dockerfile = 'FROM x\nCOPY --chown=1 fabric README.md /opt/\nCOPY compose/nothing.sh /x\n';
    const text = checks.checkDockerContext(dockerfile, '*\n!fabric\n!compose/nothing.sh\n', REPO_ROOT).join('\n');
    assert.match(text, /COPY README\.md: excluded by \.dockerignore/);
    assert.match(text, /COPY compose\/nothing\.sh: does not exist/);
    assert.doesNotMatch(text, /COPY fabric:/);
  });

  test('the YAML loader applies merge keys, as compose does', () => {
    const doc = checks.loadYaml(writeTemp('x: &x {a: 1}\ny:\n  <<: [*x]\n  b: 2\n'));
    assert.deepEqual(doc.y, { a: 1, b: 2 });
  });
});

function writeTemp(text) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'compose-check-')), 'x.yaml');
  fs.writeFileSync(file, text);
  return file;
}
