'use strict';
// The fabric's processes read FABRIC_<KEY> only for keys they define and ignore every other
// variable, so a misspelt or invented key in Terraform would silently fall back to its default.
// This reads the keys from their ConfigKey definitions in the Java sources and checks every
// FABRIC_ variable the modules set against them.

const fs = require('node:fs');
const path = require('node:path');

// ConfigKey.nonBlank("kafka.bootstrap", ...), new ConfigKey<>("cloud", ...), also across lines.
const KEY_DEFINITION = /(?:ConfigKey\.\w+|new\s+ConfigKey<[^>]*>)\(\s*"([a-z0-9][a-z0-9.-]*)"/g;
// Read by the ./fabric launcher itself (JVM options, log format), not config keys.
const LAUNCHER_VARIABLES = new Set(['FABRIC_JAVA_OPTS', 'FABRIC_LOG_FORMAT']);
const FABRIC_VARIABLE = /\bFABRIC_[A-Z0-9_]*[A-Z0-9]\b/g;

/** `kafka.bootstrap` -> `FABRIC_KAFKA_BOOTSTRAP`, as ConfigKey.envName() does. */
const envName = (key) => `FABRIC_${key.toUpperCase().replace(/[.-]/g, '_')}`;

function javaFiles(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'target', '.git'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) javaFiles(full, out);
    else if (entry.name.endsWith('.java') && full.includes(`${path.sep}src${path.sep}main${path.sep}`)) out.push(full);
  }
  return out;
}

/** Every config key defined in the main sources below repoRoot. */
function javaConfigKeys(repoRoot) {
  const keys = new Set();
  for (const file of javaFiles(repoRoot)) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(KEY_DEFINITION)) keys.add(m[1]);
  }
  return keys;
}

/**
 * Check: every FABRIC_ variable named in the files (comments aside) is a config key of the fabric,
 * a key listed as pending (agreed but not in the sources yet), or a launcher variable.
 */
function checkFabricVariables(files, keys, pendingKeys) {
  const allowed = new Set([...keys, ...pendingKeys].map(envName));
  const problems = [];
  for (const file of files) {
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (/^\s*(#|\/\/)/.test(line)) return;
      for (const [variable] of line.matchAll(FABRIC_VARIABLE)) {
        if (!allowed.has(variable) && !LAUNCHER_VARIABLES.has(variable)) {
          problems.push(`${file}:${i + 1}: ${variable} is not a config key of the fabric (docs/configuration.md) nor in pending-keys.json`);
        }
      }
    });
  }
  return problems;
}

/** Pending keys the sources now define: they belong in the real list, no longer in pending-keys.json. */
function landedPendingKeys(keys, pendingKeys) {
  return pendingKeys.filter((k) => keys.has(k));
}

module.exports = { envName, javaConfigKeys, checkFabricVariables, landedPendingKeys };
