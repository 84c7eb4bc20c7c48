'use strict';
// Offline checks of compose/: what `docker compose up` would trip over that a schema cannot see.
// Each check takes already-loaded input and returns a list of problems (empty = pass), so the tests
// can feed it the real files and small broken ones alike. The schema itself is dclint's job.

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

/** Parses a YAML file the way compose does: anchors resolved, `<<` merge keys applied. */
function loadYaml(file) {
  return YAML.parse(fs.readFileSync(file, 'utf8'), { merge: true });
}

// `${VAR:-default}` / `${VAR-default}` -> default; a bare `${VAR}` has no value we can check.
const INTERPOLATION = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g;

/** The path compose would use when no variable is set, or null when a variable has no default. */
function withDefaults(text) {
  let unresolved = false;
  const out = String(text).replace(INTERPOLATION, (_, name, fallback) => {
    if (fallback === undefined) unresolved = true;
    return fallback ?? '';
  });
  return unresolved ? null : out;
}

const isLocalPath = (p) => p.startsWith('.') || p.startsWith('/') || p.startsWith('~');

/** Every host path the compose file reads: bind mounts, build context and Dockerfile, env files, secret and config files. */
function mountedPaths(compose) {
  const out = [];
  for (const [name, svc] of Object.entries(compose.services || {})) {
    for (const v of svc.volumes || []) {
      const source = typeof v === 'string' ? v.split(':')[0] : v.type === 'bind' ? v.source : null;
      if (source && isLocalPath(source)) out.push({ where: `service ${name} volume`, path: source });
    }
    if (svc.build) {
      const build = typeof svc.build === 'string' ? { context: svc.build } : svc.build;
      const context = build.context || '.';
      out.push({ where: `service ${name} build context`, path: context, dir: true });
      out.push({ where: `service ${name} Dockerfile`, path: path.join(context, build.dockerfile || 'Dockerfile') });
    }
    const envFiles = svc.env_file === undefined ? [] : [].concat(svc.env_file);
    for (const e of envFiles) out.push({ where: `service ${name} env_file`, path: typeof e === 'string' ? e : e.path });
  }
  for (const kind of ['secrets', 'configs']) {
    for (const [name, def] of Object.entries(compose[kind] || {})) {
      if (def && def.file) out.push({ where: `${kind.slice(0, -1)} ${name}`, path: def.file });
    }
  }
  return out;
}

/** Check: every path the compose file mounts or builds from exists (relative to the compose file's folder). */
function checkMountedFiles(compose, composeDir) {
  const problems = [];
  for (const m of mountedPaths(compose)) {
    const resolved = withDefaults(m.path);
    if (resolved === null) {
      problems.push(`${m.where}: ${m.path} names a variable without a default, so the file cannot be checked`);
      continue;
    }
    const full = path.resolve(composeDir, resolved);
    if (!fs.existsSync(full)) problems.push(`${m.where}: ${resolved} does not exist (${full})`);
    else if (m.dir && !fs.statSync(full).isDirectory()) problems.push(`${m.where}: ${resolved} is not a folder`);
  }
  return problems;
}

const envOf = (svc) => {
  const env = svc.environment || {};
  if (!Array.isArray(env)) return env;
  return Object.fromEntries(env.map((e) => [e.split('=')[0], e.split('=').slice(1).join('=')]));
};
const roleOf = (svc) => [].concat(svc.command || [])[0];

/** Fabric services Prometheus must scrape: role -> job name. */
const SCRAPED_ROLES = { frontend: 'fabric-frontend', bridge: 'fabric-bridge', mirror: 'fabric-mirror' };

/**
 * Check: Prometheus scrapes exactly the compose frontends, bridges and mirror, each in its job, on
 * the port the service listens on inside the network (its FABRIC_HTTP_PORT), in a target group
 * labelled with the service's cloud (the mirror, which sets no FABRIC_CLOUD, belongs to none).
 */
function checkPrometheusTargets(compose, prometheus) {
  const problems = [];
  const services = compose.services || {};
  const scraped = new Map();
  for (const job of prometheus.scrape_configs || []) {
    for (const group of job.static_configs || []) {
      for (const target of group.targets || []) {
        const [host, port] = String(target).split(':');
        scraped.set(host, { job: job.job_name, port, cloud: group.labels && group.labels.cloud });
        const svc = services[host];
        if (!svc) {
          problems.push(`prometheus job ${job.job_name}: target ${target} is not a compose service`);
          continue;
        }
        const env = envOf(svc);
        if (String(env.FABRIC_HTTP_PORT) !== port) {
          problems.push(`prometheus job ${job.job_name}: target ${target}, but ${host} listens on ${env.FABRIC_HTTP_PORT}`);
        }
        if (env.FABRIC_CLOUD !== undefined && String(env.FABRIC_CLOUD) !== String(group.labels && group.labels.cloud)) {
          problems.push(`prometheus job ${job.job_name}: ${target} is labelled cloud ${group.labels && group.labels.cloud}, but ${host} runs in cloud ${env.FABRIC_CLOUD}`);
        }
      }
    }
  }
  for (const [name, svc] of Object.entries(services)) {
    const job = SCRAPED_ROLES[roleOf(svc)];
    if (!job) continue;
    const seen = scraped.get(name);
    if (!seen) problems.push(`service ${name} (${roleOf(svc)}) is not scraped by prometheus job ${job}`);
    else if (seen.job !== job) problems.push(`service ${name} (${roleOf(svc)}) is scraped by job ${seen.job}, expected ${job}`);
  }
  return problems;
}

/** Check: Grafana's datasources point at a compose service, on a port that service publishes inside the network. */
function checkDatasources(compose, datasources) {
  const problems = [];
  for (const ds of datasources.datasources || []) {
    const url = new URL(ds.url);
    if (!(compose.services || {})[url.hostname]) problems.push(`grafana datasource ${ds.name}: ${url.host} is not a compose service`);
  }
  return problems;
}

/** COPY sources of a Dockerfile (the last argument is the destination; --flags are skipped). */
function copySources(dockerfileText) {
  const out = [];
  for (const line of dockerfileText.split('\n')) {
    const m = /^\s*COPY\s+(.+)$/i.exec(line);
    if (!m) continue;
    const args = m[1].trim().split(/\s+/).filter((a) => !a.startsWith('--'));
    out.push(...args.slice(0, -1));
  }
  return out;
}

/**
 * Check: every COPY source of the Dockerfile gets through .dockerignore (which ignores everything by
 * default and lets listed paths through with `!`), and exists unless it is a Maven build output.
 */
function checkDockerContext(dockerfileText, dockerignoreText, contextDir) {
  const problems = [];
  const allowed = dockerignoreText.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, ''));
  for (const source of copySources(dockerfileText)) {
    const clean = source.replace(/\/$/, '');
    if (!allowed.some((a) => clean === a || clean.startsWith(`${a}/`))) problems.push(`COPY ${source}: excluded by .dockerignore`);
    const buildOutput = /(^|\/)target\//.test(`${clean}/`);
    if (!buildOutput && !fs.existsSync(path.join(contextDir, clean))) problems.push(`COPY ${source}: does not exist in the build context`);
  }
  return problems;
}

module.exports = {
  loadYaml,
  withDefaults,
  mountedPaths,
  checkMountedFiles,
  checkPrometheusTargets,
  checkDatasources,
  copySources,
  checkDockerContext,
};
