// SPDX-License-Identifier: MIT
// jsyaml.js MANIFEST... - the readers test's js-yaml reader: loads the front
// matter of every document of each manifest with js-yaml's load (its default
// schema, as gray-matter uses it) and compares it with what the manifest
// expects (see write.c). Prints each mismatch (at most 40 per manifest) and a
// line per manifest; exits 1 when anything read back wrong.
'use strict';
const fs = require('fs');
const yaml = require('js-yaml');

const SHOW_AT_MOST = 40;

function frontMatter(text) {
  const lines = text.split('\n');
  const bare = (l) => l.replace(/[ \t\r]+$/, '');
  if (bare(lines[0]) !== '---') throw new Error('no opening ---');
  for (let i = 1; i < lines.length; i++) {
    if (bare(lines[i]) === '---' || bare(lines[i]) === '...') {
      return lines.slice(1, i).join('\n') + '\n';
    }
  }
  throw new Error('no closing ---');
}

function isMap(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

function walk(data, where) {
  for (const part of where ? where.split('.') : []) {
    if (Array.isArray(data) && /^\d+$/.test(part)) data = data[Number(part)];
    else if (isMap(data)) data = Object.prototype.hasOwnProperty.call(data, part) ? data[part] : undefined;
    else return undefined;
  }
  return data;
}

function expectedFloat(want) {
  const special = { '.inf': Infinity, '-.inf': -Infinity, '.nan': NaN };
  return want in special ? special[want] : Number(want);
}

// js-yaml reads a time without a zone as UTC; a date is a Date at midnight UTC.
function timeOf(want, kind) {
  if (kind === 'date') return Date.parse(want + 'T00:00:00Z');
  return Date.parse(/(Z|[-+]\d\d:\d\d)$/.test(want) ? want : want + 'Z');
}

function typedOk(got, kind, want) {
  switch (kind) {
    case 'int':
      return typeof got === 'number' && got === Number(want);
    case 'float': {
      const w = expectedFloat(want);
      return typeof got === 'number' && (Number.isNaN(w) ? Number.isNaN(got) : Object.is(got, w));
    }
    case 'bool':
      return got === (want === 'true');
    case 'null':
      return got === null;
    case 'date':
    case 'datetime':
      return got instanceof Date && got.getTime() === timeOf(want, kind);
    default:
      return false;
  }
}

// A mapping's pairs as kind "pairs" spells them: key=text, key=#integer.
function pairs(map) {
  const text = (v) =>
    typeof v === 'string' ? v : Number.isInteger(v) ? `#${v}` : `?${v}`;
  return Object.keys(map).map((k) => `${k}=${text(map[k])}`).join('\n');
}

function check(data, kind, where, want) {
  if (kind === 'pairs') {
    const got = walk(data, where);
    return isMap(got) && pairs(got) === want;
  }
  if (!isMap(data) || data.z !== 1) return false;
  const got = walk(data, where);
  if (kind === 'value') return typeof got === 'string' && got === want;
  if (kind === 'key') {
    return isMap(got) && Object.prototype.hasOwnProperty.call(got, want) && got[want] === 'v';
  }
  return typedOk(got, kind, want);
}

function checkManifest(manifest, name) {
  let checked = 0;
  let wrong = 0;
  let unchecked = 0;
  const lines = fs.readFileSync(manifest, 'ascii').split('\n');
  for (const line of lines) {
    if (line === '') continue;
    const [doc, kind, where, hexed, written] = line.split('\t');
    const want = Buffer.from(hexed, 'hex').toString('utf8');
    const text = Buffer.from(written, 'hex').toString('utf8');
    // YAML 1.2 reads NEL, LS and PS as text, not as line breaks: a document
    // whose lines end with them means something else to js-yaml before the
    // edit already (the YAML 1.1 readers check those).
    if (kind === 'pairs' && /[\u0085\u2028\u2029]/.test(text)) {
      unchecked++;
      continue;
    }
    checked++;
    let ok;
    let got;
    try {
      const data = yaml.load(frontMatter(text));
      ok = check(data, kind, where, want);
      got = isMap(data) ? walk(data, where) : data;
    } catch (e) {
      ok = false;
      got = e.message;
    }
    if (ok) continue;
    wrong++;
    if (wrong <= SHOW_AT_MOST) {
      console.log(`${doc}: ${kind} at '${where}': expected ${JSON.stringify(want)}, ` +
                  `read ${String(got)} (${typeof got}) from ${JSON.stringify(text)}`);
    }
  }
  if (unchecked) {
    console.log(`${name}: ${manifest}: ${unchecked} documents not checked: their lines ` +
                'end with NEL, LS or PS, which YAML 1.2 reads as text');
  }
  console.log(`${name}: ${manifest}: ${checked} documents, ${wrong} read back wrong`);
  return wrong;
}

function main() {
  const manifests = process.argv.slice(2);
  if (manifests.length === 0) {
    console.error('usage: jsyaml.js MANIFEST...');
    return 2;
  }
  let version = '?';
  try {
    version = require('js-yaml/package.json').version;
  } catch (e) {
    // the version is only for the log
  }
  const name = `js-yaml ${version} (node ${process.versions.node})`;
  let wrong = 0;
  for (const m of manifests) wrong += checkManifest(m, name);
  return wrong ? 1 : 0;
}

process.exit(main());
