'use strict';
// Offline checks for the Terraform tree. Every check takes already-loaded input and
// returns a list of human-readable problems (empty = pass), so the tests can feed it
// both the real modules and small broken snippets.

const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('@cdktf/hcl2json');

const REQUIRED_MODULE_FILES = ['variables.tf', 'outputs.tf', 'versions.tf', 'README.md'];
const MODULE_META_ARGS = new Set(['source', 'version', 'providers', 'count', 'for_each', 'depends_on']);

/** All files below root whose name ends with one of exts (skips node_modules and .terraform). */
function listFiles(root, exts = ['.tf']) {
  const out = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.terraform') continue;
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, exts));
    else if (exts.some((e) => entry.name.endsWith(e))) out.push(full);
  }
  return out.sort();
}

/** Parses one .tf file with the real HCL parser; the error names the file. */
async function parseTfFile(file) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return await parse(file, text);
  } catch (err) {
    throw new Error(`${file}: ${String(err.message || err).trim()}`);
  }
}

/** Check: every file parses. */
async function checkParse(files) {
  const problems = [];
  for (const file of files) {
    try {
      await parseTfFile(file);
    } catch (err) {
      problems.push(err.message);
    }
  }
  return problems;
}

/** Loads every .tf file directly in dir into one module description. */
async function loadModule(dir) {
  const mod = { dir, variables: {}, outputs: {}, calls: {}, locals: new Set(), resources: [], data: [], terraform: [], files: [] };
  const tfFiles = fs.readdirSync(dir).filter((n) => n.endsWith('.tf')).sort();
  for (const name of tfFiles) {
    const file = path.join(dir, name);
    const json = await parseTfFile(file);
    mod.files.push(file);
    for (const [k, blocks] of Object.entries(json.variable || {})) mod.variables[k] = { ...blocks[0], file };
    for (const [k, blocks] of Object.entries(json.output || {})) mod.outputs[k] = { ...blocks[0], file };
    for (const [k, blocks] of Object.entries(json.module || {})) mod.calls[k] = { ...blocks[0], file };
    for (const [type, byName] of Object.entries(json.resource || {})) {
      for (const [rname, blocks] of Object.entries(byName)) mod.resources.push({ type, name: rname, body: blocks[0], file });
    }
    for (const [type, byName] of Object.entries(json.data || {})) {
      for (const rname of Object.keys(byName)) mod.data.push({ type, name: rname, file });
    }
    for (const block of json.locals || []) Object.keys(block).forEach((k) => mod.locals.add(k));
    for (const block of json.terraform || []) mod.terraform.push({ ...block, file });
  }
  return mod;
}

/** Directories that are Terraform modules: every folder under modules/ and examples/. */
function moduleDirs(terraformRoot) {
  const dirs = [];
  for (const group of ['modules', 'examples']) {
    const base = path.join(terraformRoot, group);
    if (!fs.existsSync(base)) continue;
    for (const e of fs.readdirSync(base, { withFileTypes: true })) if (e.isDirectory()) dirs.push(path.join(base, e.name));
  }
  return dirs.sort();
}

/** Check: a module folder has variables.tf, outputs.tf, versions.tf and README.md. */
function checkModuleLayout(dir) {
  return REQUIRED_MODULE_FILES.filter((f) => !fs.existsSync(path.join(dir, f))).map((f) => `${dir}: missing ${f}`);
}

const nonEmpty = (v) => typeof v === 'string' && v.trim().length > 0;

/** Check: every variable has a description and a type. */
function checkVariables(mod) {
  const problems = [];
  for (const [name, v] of Object.entries(mod.variables)) {
    if (!nonEmpty(v.description)) problems.push(`${v.file}: variable "${name}" has no description`);
    if (!nonEmpty(v.type)) problems.push(`${v.file}: variable "${name}" has no type`);
  }
  return problems;
}

// Types whose every value is acceptable: a switch, or free-form tags and labels.
const UNVALIDATED_TYPES = new Set(['${bool}', '${map(string)}']);

/**
 * Check: in a reusable module (not an example, whose inputs the modules validate), every variable
 * has a validation block unless its type accepts anything (bool, map(string)).
 */
function checkValidations(mod) {
  if (path.basename(path.dirname(mod.dir)) !== 'modules') return [];
  return Object.entries(mod.variables)
    .filter(([, v]) => !UNVALIDATED_TYPES.has(v.type) && !v.validation)
    .map(([name, v]) => `${v.file}: variable "${name}" has no validation block`);
}

// var.x, local.x and module.x references in expressions (attribute access after them is ignored).
const REFERENCE = /\b(var|local|module)\.([A-Za-z_][\w-]*)/g;

/**
 * Check: every var., local., module., resource and data source reference in a module names
 * something the module declares: what `terraform validate` would reject first, and it cannot
 * run here.
 */
function checkReferences(mod) {
  const declared = { var: new Set(Object.keys(mod.variables)), local: mod.locals, module: new Set(Object.keys(mod.calls)) };
  const resources = new Set(mod.resources.map((r) => `${r.type}.${r.name}`));
  const dataSources = new Set(mod.data.map((d) => `data.${d.type}.${d.name}`));
  // <provider>_<type>.<name>, for the providers this module requires (aws_lb.this, data.aws_region.r).
  const providers = mod.terraform.flatMap((t) => t.required_providers || []).flatMap((b) => Object.keys(b));
  const resourceRef = providers.length === 0 ? null
    : new RegExp(`(?<![\\w.])(data\\.)?((?:${providers.join('|')})_[a-z0-9_]+)\\.([A-Za-z_][\\w-]*)`, 'g');
  const problems = [];
  for (const file of mod.files) {
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const code = line.replace(/(^|\s)(#|\/\/).*$/, '');
      for (const [ref, kind, name] of code.matchAll(REFERENCE)) {
        if (!declared[kind].has(name)) problems.push(`${file}:${i + 1}: ${ref} is not declared in ${mod.dir}`);
      }
      for (const [ref, data, type, name] of resourceRef ? code.matchAll(resourceRef) : []) {
        const known = data ? dataSources.has(`data.${type}.${name}`) : resources.has(`${type}.${name}`);
        if (!known) problems.push(`${file}:${i + 1}: ${ref} is not declared in ${mod.dir}`);
      }
    });
  }
  return problems;
}

/** Check: every output has a description. */
function checkOutputs(mod) {
  return Object.entries(mod.outputs)
    .filter(([, o]) => !nonEmpty(o.description))
    .map(([name, o]) => `${o.file}: output "${name}" has no description`);
}

/**
 * Check: required_version is set and every required provider has source and version; a module
 * with resources or data sources must declare its providers (a pure computation needs none).
 */
function checkVersions(mod) {
  const problems = [];
  if (!mod.terraform.some((t) => nonEmpty(t.required_version))) problems.push(`${mod.dir}: terraform.required_version is not set`);
  const providers = mod.terraform.flatMap((t) => t.required_providers || []);
  const usesProviders = mod.resources.length > 0 || mod.data.length > 0;
  if (providers.length === 0 && usesProviders) problems.push(`${mod.dir}: no required_providers block`);
  for (const block of providers) {
    for (const [name, spec] of Object.entries(block)) {
      if (typeof spec !== 'object' || !nonEmpty(spec.version)) problems.push(`${mod.dir}: provider "${name}" has no version constraint`);
      if (typeof spec !== 'object' || !nonEmpty(spec.source)) problems.push(`${mod.dir}: provider "${name}" has no source`);
    }
  }
  return problems;
}

/** Check: each local module call passes every required input and no undeclared one. */
async function checkModuleCalls(mod) {
  const problems = [];
  for (const [name, call] of Object.entries(mod.calls)) {
    const source = call.source;
    if (!nonEmpty(source) || !(source.startsWith('./') || source.startsWith('../'))) continue;
    const target = path.resolve(mod.dir, source);
    if (!fs.existsSync(target)) {
      problems.push(`${call.file}: module "${name}" source ${source} does not exist`);
      continue;
    }
    const called = await loadModule(target);
    const passed = new Set(Object.keys(call).filter((k) => k !== 'file' && !MODULE_META_ARGS.has(k)));
    for (const [vname, v] of Object.entries(called.variables)) {
      if (!('default' in v) && !passed.has(vname)) problems.push(`${call.file}: module "${name}" does not pass required input "${vname}" of ${source}`);
    }
    for (const arg of passed) {
      if (!(arg in called.variables)) problems.push(`${call.file}: module "${name}" passes "${arg}", which ${source} does not declare`);
    }
  }
  return problems;
}

// Raw-text patterns: a match is a committed credential, whatever the context.
const CREDENTIAL_PATTERNS = [
  { name: 'AWS access key id', re: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'private key', re: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { name: 'literal password', re: /\b[\w-]*password\s*=\s*"(?!\$\{)[^"]+"/i },
  { name: 'literal secret', re: /\b[\w-]*secret\s*=\s*"(?!\$\{)[^"]+"/i },
];
// Variable names that hold a secret value (a *_ref/_arn/_id only points at one).
const SECRET_VARIABLE = /(password|secret|token|api_?keys?|private_key|access_key)/i;
const REFERENCE_VARIABLE = /(_ref|_arn|_id)$/i;

/** Check: no hard-coded credentials in the files, no default value on a secret variable. */
function checkCredentials(files, mods = []) {
  const problems = [];
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/^\s*(#|\/\/)/.test(line)) return;
      for (const p of CREDENTIAL_PATTERNS) if (p.re.test(line)) problems.push(`${file}:${i + 1}: ${p.name}`);
    });
  }
  for (const mod of mods) {
    for (const [name, v] of Object.entries(mod.variables)) {
      if (SECRET_VARIABLE.test(name) && !REFERENCE_VARIABLE.test(name) && v.default !== undefined && v.default !== null) {
        problems.push(`${v.file}: variable "${name}" holds a secret and must not have a default`);
      }
    }
  }
  return problems;
}

const asList = (v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/**
 * Check: every public listener serves TLS. A plain listener fails even when it only redirects to
 * HTTPS: the sites expose 443 alone, so `http://` and `ws://` do not connect at all.
 */
function checkPublicTls(mod) {
  const problems = [];
  for (const r of mod.resources) {
    const where = `${r.file}: ${r.type}.${r.name}`;
    if (r.type === 'aws_lb_listener' || r.type === 'aws_alb_listener') {
      const protocol = String(r.body.protocol || 'HTTP').toUpperCase();
      if (protocol !== 'HTTPS' && protocol !== 'TLS') problems.push(`${where}: protocol ${protocol} without TLS (no plain listener, not even a redirect)`);
    }
    if (r.type === 'google_compute_target_http_proxy' || r.type === 'google_compute_region_target_http_proxy') {
      problems.push(`${where}: plain HTTP proxy (only HTTPS proxies, not even a redirect)`);
    }
    if (r.type === 'azurerm_application_gateway') {
      for (const l of asList(r.body.http_listener)) {
        if (String(l.protocol).toLowerCase() !== 'https') problems.push(`${where}: listener ${l.name} serves plain ${l.protocol} (no plain listener, not even a redirect)`);
      }
    }
    if (r.type === 'kubernetes_service' || r.type === 'kubernetes_service_v1') {
      const spec = asList(r.body.spec)[0] || {};
      const annotations = Object.assign({}, ...asList(asList(r.body.metadata)[0]?.annotations));
      const internal = annotations['service.beta.kubernetes.io/azure-load-balancer-internal'] === 'true'
        || annotations['networking.gke.io/load-balancer-type'] === 'Internal';
      if (spec.type === 'LoadBalancer' && !internal) problems.push(`${where}: public L4 LoadBalancer exposes the pod port without TLS`);
    }
  }
  return problems;
}

// The health paths the fabric's HTTP servers route (FrontendServer, BridgeHttpServer).
const SERVED_HEALTH_PATHS = new Set(['/health/live', '/health/ready']);
const HEALTH_LITERAL = /"(\/health[^"]*)"/g;

/**
 * Check: every health path in the modules (LB health checks, probes, workers' health_path, defaults)
 * is one the fabric serves; anything else is a 404 and the check never passes.
 */
function checkHealthPaths(files) {
  const problems = [];
  for (const file of files) {
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const code = line.replace(/(^|\s)(#|\/\/).*$/, '');
      for (const [, p] of code.matchAll(HEALTH_LITERAL)) {
        if (!SERVED_HEALTH_PATHS.has(p)) problems.push(`${file}:${i + 1}: health path ${p} is not served by the fabric (${[...SERVED_HEALTH_PATHS].join(', ')})`);
      }
    });
  }
  return problems;
}

module.exports = {
  listFiles,
  parseTfFile,
  loadModule,
  moduleDirs,
  checkParse,
  checkModuleLayout,
  checkVariables,
  checkValidations,
  checkReferences,
  checkOutputs,
  checkVersions,
  checkModuleCalls,
  checkCredentials,
  checkPublicTls,
  checkHealthPaths,
};
