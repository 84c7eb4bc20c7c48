'use strict';
// What `terraform console` can evaluate without any provider: functions, validation conditions,
// templatefile(). It runs in an empty folder, so nothing is initialised or downloaded. Used to
// prove that validation blocks accept the values the modules document (defaults, example tfvars)
// and that the boot-script template renders into valid bash.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/** True when a terraform binary answers on PATH. */
function terraformAvailable() {
  const run = spawnSync('terraform', ['version'], { encoding: 'utf8', env: consoleEnv() });
  return run.status === 0;
}

// The console needs no CLI config; a TF_CLI_CONFIG_FILE pointing at a missing file only adds noise.
function consoleEnv() {
  return { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
}

/** Evaluates one HCL expression in `dir` (default: an empty temp folder): {ok, value} or {ok: false, error}. */
function evaluate(expression, dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-console-'))) {
  const run = spawnSync('terraform', ['console', '-no-color'], {
    cwd: dir, input: `jsonencode(${expression})\n`, encoding: 'utf8', env: consoleEnv(),
  });
  if (run.status !== 0) return { ok: false, error: (run.stderr || run.stdout).trim() };
  // The console prints the jsonencode() result as an HCL string literal, i.e. JSON-quoted JSON.
  return { ok: true, value: JSON.parse(JSON.parse(run.stdout.trim())) };
}

/** A JSON value as an HCL literal (HCL accepts JSON's syntax for strings, numbers, lists, objects). */
const literal = (value) => (value === undefined || value === null ? 'null' : JSON.stringify(value));
const unwrap = (expr) => String(expr).replace(/^\$\{([\s\S]*)\}$/, '$1');

/**
 * Check: each validation of `variable` that refers to no other variable accepts `value`.
 * Returns problems naming the variable, the value and the error message the user would see.
 */
function checkValidationAccepts(mod, name, value, origin) {
  const variable = mod.variables[name];
  const problems = [];
  for (const rule of [].concat(variable.validation || [])) {
    const condition = unwrap(rule.condition);
    const others = [...condition.matchAll(/\bvar\.([\w-]+)/g)].map((m) => m[1]).filter((n) => n !== name);
    if (others.length > 0) continue; // cross-variable rules need the other values too
    const expression = condition.replace(new RegExp(`\\bvar\\.${name}(?![\\w-])`, 'g'), `(${literal(value)})`);
    const result = evaluate(expression);
    if (!result.ok) problems.push(`${variable.file}: variable "${name}": validation fails to evaluate on ${origin} ${literal(value)}: ${result.error.split('\n')[0]}`);
    else if (result.value !== true) problems.push(`${variable.file}: variable "${name}" rejects ${origin} ${literal(value)}: ${rule.error_message}`);
  }
  return problems;
}

/** Check: every validation accepts its variable's default. */
function checkDefaultsPassValidation(mod) {
  return Object.entries(mod.variables)
    .filter(([, v]) => v.validation && 'default' in v && v.default !== null)
    .flatMap(([name, v]) => checkValidationAccepts(mod, name, v.default, 'its default'));
}

/**
 * The value each module input of an example gets when it is a literal or a variable set in the
 * example's terraform.tfvars.example: {call: {input: value}}.
 */
function exampleInputs(example, tfvars) {
  const out = {};
  for (const [callName, call] of Object.entries(example.calls)) {
    out[callName] = {};
    for (const [input, expr] of Object.entries(call)) {
      if (['file', 'source', 'providers', 'depends_on'].includes(input)) continue;
      const forwarded = /^\$\{var\.([\w-]+)\}$/.exec(String(expr));
      if (forwarded && forwarded[1] in tfvars) out[callName][input] = tfvars[forwarded[1]];
      else if (!JSON.stringify(expr).includes('${')) out[callName][input] = expr; // no reference to resolve
    }
  }
  return out;
}

/** Renders a template file with `vars` through templatefile(): {ok, value} or {ok: false, error}. */
function renderTemplate(file, vars) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-template-'));
  fs.copyFileSync(file, path.join(dir, 'template.tftpl'));
  return evaluate(`templatefile("template.tftpl", ${literal(vars)})`, dir);
}

module.exports = {
  terraformAvailable,
  evaluate,
  checkValidationAccepts,
  checkDefaultsPassValidation,
  exampleInputs,
  renderTemplate,
};
